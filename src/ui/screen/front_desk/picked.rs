//! The actions on one application picked from a list (or just saved): its papers
//! checked again when it was returned, its result sent online when it is ready, and
//! the copies of papers attached to it.

use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Element, Fill, Task};

use super::attach::attachments_view;
use super::form::{required_note, toggle};
use super::lists::small_button;
use super::{Action, Context, Message, State};
use crate::core::nik::Nik;
use crate::core::register::{
    self, Application, Attachment, AttachmentKind, Channel, Handover, PapersCheck, Status,
};
use crate::core::{Store, nik};
use crate::ui::background::{shared, spawn};
use crate::ui::widget::{bold, error_text, muted, section};

/// Id of the exception field of a returned application checked again.
pub const PICKED_EXCEPTION_FIELD: &str = "front-desk-pengecualian-ulang";
/// Id of the contact field for sending a result online.
pub const SEND_CONTACT_FIELD: &str = "front-desk-kontak-kirim";

/// One application and what the clerk is preparing for it.
#[derive(Debug)]
pub(super) struct Picked {
    pub(super) app: Application,
    /// Papers ticked for a new check (starts from those seen before).
    papers: Vec<String>,
    /// Reason to let it go on without a required paper.
    exception: String,
    /// The online channel its result is sent through.
    channel: Channel,
    /// Where it is sent.
    contact: String,
    /// The files attached so far, or why they could not be read.
    pub(super) attachments: Result<Vec<Attachment>, String>,
    /// The kind of the next attachment.
    pub(super) kind: AttachmentKind,
    /// The typed path of the next attachment.
    pub(super) path: String,
    /// Whether a file is being copied.
    pub(super) attaching: bool,
    /// The file dialog could not open: say so beside the typed path.
    pub(super) no_dialog: bool,
}

/// The channels a result can be sent through (every one but the counter).
fn online_channels() -> Vec<Channel> {
    Channel::ALL
        .into_iter()
        .filter(|c| *c != Channel::Loket)
        .collect()
}

impl Picked {
    /// `app` with its attachments read from `store`; sending defaults to the channel and
    /// contact it came with.
    pub(super) fn new(app: Application, store: &Store) -> Picked {
        let channel = Channel::from_label(&app.channel)
            .filter(|c| *c != Channel::Loket)
            .unwrap_or(Channel::WhatsApp);
        let contact = if app.contact.trim().is_empty() {
            app.phone.clone()
        } else {
            app.contact.clone()
        };
        let mut picked = Picked {
            papers: app.papers.clone(),
            exception: String::new(),
            channel,
            contact,
            attachments: Ok(Vec::new()),
            kind: AttachmentKind::Ktp,
            path: String::new(),
            attaching: false,
            no_dialog: false,
            app,
        };
        picked.reload(store);
        picked
    }

    /// Reads the application and its attachments again.
    pub(super) fn reload(&mut self, store: &Store) {
        if let Ok(app) = register::get(&store.register, self.app.id) {
            self.app = app;
        }
        self.attachments =
            register::attachments(&store.register, self.app.id).map_err(|e| e.to_string());
    }

    fn ready(&self) -> bool {
        matches!(self.app.status, Status::Ditandatangani | Status::SlipSaran)
    }
}

impl State {
    /// Shows the actions of application `id`.
    pub(super) fn pick(&mut self, id: i64, ctx: &Context<'_>) {
        self.failure = None;
        match register::get(&ctx.store.register, id) {
            Ok(app) => self.picked = Some(Picked::new(app, ctx.store)),
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Applies an edit of the picked application's fields; false for other messages.
    pub(super) fn edit_picked(&mut self, message: &Message) -> bool {
        let Some(picked) = &mut self.picked else {
            return false;
        };
        match message {
            Message::PickedPaperToggled(i, on) => toggle(&self.rules, &mut picked.papers, *i, *on),
            Message::PickedExceptionChanged(v) => picked.exception = v.clone(),
            Message::SendChannelPicked(c) => picked.channel = *c,
            Message::SendContactChanged(v) => picked.contact = v.clone(),
            Message::AttachKindPicked(k) => picked.kind = *k,
            Message::AttachPathChanged(v) => picked.path = v.clone(),
            _ => return false,
        }
        true
    }

    /// Records the papers of the picked (returned) application as checked again.
    pub(super) fn check_papers(&mut self, ctx: &Context<'_>) {
        let Some(picked) = &self.picked else { return };
        let check = PapersCheck {
            papers: picked.papers.clone(),
            exception: picked.exception.clone(),
        };
        let id = picked.app.id;
        self.failure = None;
        match register::check_papers(&ctx.store.register, id, &check, ctx.actor, ctx.at()) {
            Ok(app) if app.status == Status::BerkasTidakLengkap => {
                self.notice = Some(format!(
                    "Permohonan {} masih dikembalikan: berkas belum lengkap.",
                    app.register_no
                ));
            }
            Ok(app) => {
                self.notice = Some(format!(
                    "Berkas permohonan {} lengkap: diteruskan ke operator.",
                    app.register_no
                ));
                self.picked = None;
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
        self.refresh(ctx);
    }

    /// Sends the picked application's result to its contact.
    pub(super) fn send_online(&mut self, ctx: &Context<'_>) -> Action<Message> {
        let Some(picked) = &self.picked else {
            return Action::None;
        };
        let handover = Handover {
            channel: picked.channel,
            contact: picked.contact.trim().to_string(),
        };
        self.hand_over(picked.app.id, handover, ctx)
    }

    /// Records the handover of application `id` in the background. Ignored while
    /// another handover is being recorded, so a double click records it once.
    pub(super) fn hand_over(
        &mut self,
        id: i64,
        handover: Handover,
        ctx: &Context<'_>,
    ) -> Action<Message> {
        if self.handing_over.is_some() {
            return Action::None;
        }
        if let Err(e) = handover.validate() {
            self.failure = Some(e.to_string());
            return Action::None;
        }
        self.handing_over = Some(id);
        self.failure = None;
        self.notice = None;
        let (dir, actor, at) = (ctx.store.dir().to_path_buf(), ctx.actor, ctx.at());
        Action::Run(Task::perform(
            spawn(move || {
                let store = shared(Store::open(&dir))?;
                shared(register::hand_over(&store, id, &handover, "", actor, at))
            }),
            move |result| Message::HandedOver(id, Box::new(result)),
        ))
    }

    /// The answer to a handover: the lists are read again either way.
    pub(super) fn handed_over(
        &mut self,
        id: i64,
        result: crate::ui::background::UiResult<Application>,
        ctx: &Context<'_>,
    ) {
        if self.handing_over == Some(id) {
            self.handing_over = None;
        }
        match result {
            Ok(app) => {
                let how = match app.status {
                    Status::DikirimOnline => "dikirim online",
                    Status::Selesai => "slip diserahkan, permohonan selesai",
                    _ => "diserahkan langsung",
                };
                self.notice = Some(format!(
                    "Permohonan {} atas nama {}: {how}.",
                    app.register_no, app.applicant_name
                ));
                if self.picked.as_ref().is_some_and(|p| p.app.id == id) {
                    self.picked = None;
                }
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
        self.refresh(ctx);
    }

    /// The picked application with the actions its state allows and its attachments.
    pub(super) fn picked_view<'a>(&'a self, picked: &'a Picked) -> Element<'a, Message> {
        let app = &picked.app;
        let mut content = column![
            row![
                bold(format!(
                    "{}  {}  ({})",
                    app.register_no,
                    app.applicant_name,
                    nik::mask(&app.nik)
                )),
                muted(app.status.label()),
                iced::widget::space::horizontal(),
                small_button("Tutup", Some(Message::Unpick)),
            ]
            .spacing(12)
            .align_y(iced::Center)
        ]
        .spacing(10);
        if app.status == Status::BerkasTidakLengkap {
            content = content.push(self.recheck_view(picked));
        }
        if picked.ready() {
            content = content.push(self.send_view(picked));
        }
        content = content.push(attachments_view(picked));
        section("Permohonan terpilih", content)
    }

    /// The papers of a returned application checked again.
    fn recheck_view<'a>(&'a self, picked: &'a Picked) -> Element<'a, Message> {
        let boxes = self
            .rules
            .iter()
            .enumerate()
            .fold(row![].spacing(12), |r, (i, p)| {
                r.push(
                    checkbox(picked.papers.contains(&p.name))
                        .label(p.name.as_str())
                        .text_size(13)
                        .on_toggle(move |on| Message::PickedPaperToggled(i, on)),
                )
            })
            .wrap();
        let nik = Nik::parse(&picked.app.nik).ok();
        let missing = nik
            .as_ref()
            .map(|n| register::missing_papers(&self.rules, &picked.papers, n, self.today))
            .unwrap_or_default();
        let mut col = column![muted("Berkas yang sekarang dibawa"), boxes].spacing(6);
        if let Some(nik) = &nik {
            let (required, ktp) = required_note(&self.rules, nik, self.today);
            col = col
                .push(muted(required))
                .extend(ktp.map(|k| muted(k).into()));
        }
        if !missing.is_empty() {
            col = col.push(error_text(format!(
                "Berkas masih kurang: {}; permohonan tetap dikembalikan kecuali ada alasan \
                 pengecualian.",
                missing.join(", ")
            )));
            col = col.push(
                text_input("Alasan pengecualian (boleh kosong)", &picked.exception)
                    .id(PICKED_EXCEPTION_FIELD)
                    .padding(6)
                    .on_input(Message::PickedExceptionChanged)
                    .on_submit(Message::CheckPapers),
            );
        }
        col.push(
            button(text("Simpan pemeriksaan berkas").size(13))
                .padding([4, 12])
                .on_press(Message::CheckPapers),
        )
        .into()
    }

    /// Sending a ready result online (the in-person handover is in the list).
    fn send_view<'a>(&'a self, picked: &'a Picked) -> Element<'a, Message> {
        let idle = self.handing_over.is_none();
        row![
            muted("Kirim lewat"),
            pick_list(
                online_channels(),
                Some(picked.channel),
                Message::SendChannelPicked
            )
            .text_size(13),
            text_input("Kontak tujuan", &picked.contact)
                .id(SEND_CONTACT_FIELD)
                .padding(6)
                .width(Fill)
                .on_input(Message::SendContactChanged)
                .on_submit_maybe(idle.then_some(Message::SendOnline)),
            button(text("Kirim online").size(13))
                .padding([4, 12])
                .on_press_maybe(idle.then_some(Message::SendOnline)),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    }
}
