//! The tab bar shared by screens with several tabs (Ctrl+PageUp/PageDown switches).

use iced::widget::{button, container, row, text};
use iced::{Element, Fill};

use super::muted;
use crate::ui::theme;

/// A row of tab buttons, the current one highlighted, with the keyboard hint; on a
/// narrow window the row wraps instead of squeezing the labels.
pub fn tab_bar<'a, T: Copy + PartialEq, Message: Clone + 'a>(
    tabs: &[(T, &'a str)],
    current: T,
    on_select: impl Fn(T) -> Message,
) -> Element<'a, Message> {
    let buttons = tabs.iter().fold(row![].spacing(6), |r, &(tab, label)| {
        r.push(
            button(text(label))
                .padding([6, 14])
                .style(theme::queue_row(tab == current))
                .on_press(on_select(tab)),
        )
    });
    let hint = container(muted("Ctrl+PageDown / Ctrl+PageUp: pindah tab")).padding([6, 10]);
    container(buttons.push(hint).wrap().vertical_spacing(6))
        .padding([8, 16])
        .width(Fill)
        .into()
}

/// The tab `delta` steps from `current`, wrapping around.
pub fn cycle<T: Copy + PartialEq>(tabs: &[T], current: T, delta: i32) -> T {
    let count = tabs.len() as i32;
    let at = tabs.iter().position(|t| *t == current).unwrap_or(0) as i32;
    tabs[(at + delta).rem_euclid(count.max(1)) as usize]
}

#[cfg(test)]
mod tests {
    use super::cycle;

    #[test]
    fn cycling_wraps_both_ways() {
        let tabs = [1, 2, 3];
        assert_eq!(cycle(&tabs, 3, 1), 1);
        assert_eq!(cycle(&tabs, 1, -1), 3);
        assert_eq!(cycle(&tabs, 2, 1), 3);
    }
}
