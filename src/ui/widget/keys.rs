//! Keys bound to a part of a screen, taken before the fields inside it see them.
//!
//! A focused text field takes Enter with any modifier as a submit and types the digit of
//! Ctrl+1, so a window shortcut never sees Ctrl+Enter pressed in a field. Wrapping a form
//! in [`bind_keys`] gives its own keys first pick while the cursor is in it; a second
//! wrapper around the whole page takes them while no field of the page has the cursor,
//! so a field beside the form keeps its own Enter.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::operation::{Focusable, Operation as Operate};
use iced::advanced::widget::{Id, Operation, Tree, Widget};
use iced::advanced::{Clipboard, Shell, overlay, renderer};
use iced::keyboard::{self, Key, Modifiers};
use iced::{Element, Event, Length, Rectangle, Size, Vector, mouse};

/// When the wrapped part takes its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysWhen {
    /// While one of its fields has the cursor (a form).
    FocusInside,
    /// While none of its fields has the cursor (a whole page).
    NoFocusInside,
}

/// What a key press means to the wrapped part, `None` when it is not one of its keys.
type Binding<'a, Message> = Box<dyn Fn(&Key, Modifiers) -> Option<Message> + 'a>;

/// `content` with the keys `binding` maps to a message, taken `when` the focus is as
/// said: those presses publish the message and go no further (a field inside does not
/// submit or type them); every other event passes.
pub fn bind_keys<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    when: KeysWhen,
    binding: impl Fn(&Key, Modifiers) -> Option<Message> + 'a,
) -> Element<'a, Message> {
    Element::new(KeyBound {
        content: content.into(),
        when,
        binding: Box::new(binding),
    })
}

/// The wrapper made by [`bind_keys`].
struct KeyBound<'a, Message> {
    content: Element<'a, Message>,
    when: KeysWhen,
    binding: Binding<'a, Message>,
}

/// Finds whether any focusable widget of a tree has the focus.
struct AnyFocused(bool);

impl Operate for AnyFocused {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operate)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        self.0 |= state.is_focused();
    }
}

impl<Message> Widget<Message, iced::Theme, iced::Renderer> for KeyBound<'_, Message> {
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        if let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event
            && let Some(message) = (self.binding)(key, *modifiers)
        {
            let mut focus = AnyFocused(false);
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                &mut focus,
            );
            if focus.0 == (self.when == KeysWhen::FocusInside) {
                shell.publish(message);
                shell.capture_event();
                return;
            }
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &iced::Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, iced::Theme, iced::Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

/// `field` (a text field, or a part holding fields) whose Esc sends `message` even while
/// the cursor is in it: a focused text field would otherwise take the first Esc only to
/// drop the cursor, and "Batal (Esc)" would need two presses.
pub fn esc_sends<'a, Message: Clone + 'a>(
    field: impl Into<Element<'a, Message>>,
    message: Message,
) -> Element<'a, Message> {
    bind_keys(field, KeysWhen::FocusInside, move |key, _| {
        (*key == Key::Named(keyboard::key::Named::Escape)).then(|| message.clone())
    })
}
