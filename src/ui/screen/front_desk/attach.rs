//! Copies of papers that arrive online attached to the picked application: from the
//! file dialog or a typed path, copied in the background, listed with their hash.

use std::path::PathBuf;

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Fill, Task};

use super::picked::Picked;
use super::{Action, Context, Message, State};
use crate::core::Store;
use crate::core::register::{self, Attachment, AttachmentKind};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::file_dialog;
use crate::ui::widget::{bold, error_text, muted};

/// Id of the typed path of a file to attach.
pub const ATTACH_PATH_FIELD: &str = "front-desk-lampiran";

impl State {
    /// Opens the file dialog for a copy of a paper.
    pub(super) fn browse(&self) -> Action<Message> {
        if self.picked.is_none() {
            return Action::None;
        }
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Pilih foto atau PDF KTP/KK")
            .add_filter("Foto atau PDF", &["jpg", "jpeg", "png", "pdf"]);
        Action::Run(file_dialog::pick_file(dialog, Message::Browsed))
    }

    /// No dialog could open: say so beside the typed path and put the cursor there.
    pub(super) fn type_instead(&mut self) -> Action<Message> {
        let Some(picked) = &mut self.picked else {
            return Action::None;
        };
        picked.no_dialog = true;
        Action::Run(file_dialog::focus_typed_path(ATTACH_PATH_FIELD))
    }

    /// Copies `path` to the picked application in the background.
    pub(super) fn attach(&mut self, path: PathBuf, ctx: &Context<'_>) -> Action<Message> {
        let Some(picked) = &mut self.picked else {
            return Action::None;
        };
        if picked.attaching {
            return Action::None;
        }
        picked.attaching = true;
        picked.no_dialog = false;
        self.failure = None;
        let (id, kind) = (picked.app.id, picked.kind);
        let (dir, actor, at) = (ctx.store.dir().to_path_buf(), ctx.actor, ctx.at());
        Action::Run(Task::perform(
            spawn(move || {
                let store = shared(Store::open(&dir))?;
                shared(register::attach(&store, id, &path, kind, actor, at))
            }),
            move |result| Message::Attached(id, result),
        ))
    }

    /// The answer to an attachment.
    pub(super) fn attached(&mut self, id: i64, result: UiResult<Attachment>, ctx: &Context<'_>) {
        let Some(picked) = self.picked.as_mut().filter(|p| p.app.id == id) else {
            return;
        };
        picked.attaching = false;
        match result {
            Ok(_) => {
                picked.path.clear();
                picked.reload(ctx.store);
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
    }
}

/// The files attached to the picked application and the ways to add one.
pub(super) fn attachments_view(picked: &Picked) -> Element<'_, Message> {
    let listed: Element<'_, Message> = match &picked.attachments {
        Ok(files) if files.is_empty() => muted("Belum ada lampiran.").into(),
        Ok(files) => column(files.iter().map(|f| {
            row![
                bold(f.kind.code()).size(13),
                text(f.file_name.as_str()).size(13),
                muted(format!("SHA-256 {}…", f.short_hash())).size(13),
                muted(format!("{} KB", f.size.div_ceil(1024))).size(13),
            ]
            .spacing(10)
            .into()
        }))
        .spacing(2)
        .into(),
        Err(e) => error_text(e.as_str()).into(),
    };
    let idle = !picked.attaching;
    let add = row![
        pick_list(
            AttachmentKind::ALL,
            Some(picked.kind),
            Message::AttachKindPicked
        )
        .text_size(13),
        button(text("Lampirkan KTP/KK…").size(13))
            .padding([4, 12])
            .style(button::secondary)
            .on_press_maybe(idle.then_some(Message::Browse)),
        text_input("atau ketik lokasi berkas", &picked.path)
            .id(ATTACH_PATH_FIELD)
            .padding(6)
            .width(Fill)
            .on_input(Message::AttachPathChanged)
            .on_submit_maybe(idle.then_some(Message::AttachTyped)),
        button(text("Lampirkan").size(13))
            .padding([4, 12])
            .on_press_maybe(idle.then_some(Message::AttachTyped)),
    ]
    .spacing(8)
    .align_y(iced::Center);
    let mut content = column![
        muted("Lampiran (salinan berkas yang masuk online)"),
        listed,
        add
    ]
    .spacing(6);
    if picked.no_dialog {
        content = content.push(error_text(file_dialog::UNAVAILABLE));
    }
    content.into()
}
