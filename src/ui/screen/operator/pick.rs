//! The keyboard on the counter tab: the arrow keys and Enter act on the name search's
//! results after a search, on the queue otherwise; a result chosen twice (Enter again)
//! goes to the front desk as a new application. Enter acts first on an open NIK
//! correction, then on a candidate highlighted with Alt+arrows (see [`super::correcting`]).

use super::{Action, Context, Current, Message, State, Step};
use crate::ui::screen::front_desk::Prefill;

impl State {
    /// Arrow key: moves in the results after a search, else in the queue.
    pub(super) fn move_highlight(&mut self, delta: i32) {
        if let Some(current) = &mut self.current {
            current.candidate = None;
        }
        if self.search.active() {
            self.search.move_by(delta);
            return;
        }
        let last = self.queue.len().saturating_sub(1);
        self.highlighted = self
            .highlighted
            .saturating_add_signed(delta as isize)
            .min(last);
    }

    /// Enter: saves an open NIK correction, or opens one for the highlighted candidate;
    /// else chooses the highlighted result after a search, else the highlighted
    /// application in the queue.
    pub(super) fn choose_highlighted(&mut self, ctx: &Context<'_>) -> Action<Message> {
        if self.correcting() {
            return self.correct_nik(ctx);
        }
        if let Some(nik) = self.highlighted_candidate() {
            return self.open_correction(nik);
        }
        if self.search.active() {
            return match self.search.highlighted_nik() {
                Some(nik) => self.choose_hit(nik.to_string(), ctx),
                None => Action::None,
            };
        }
        match self.queue.get(self.highlighted) {
            Some(a) => self.choose(a.id, ctx),
            None => Action::None,
        }
    }

    /// A result was chosen: looked up, or, when it is the person already shown, sent to
    /// the front desk to be registered.
    pub(super) fn choose_hit(&mut self, nik: String, ctx: &Context<'_>) -> Action<Message> {
        self.search.highlight(&nik);
        match self.found_person() {
            Some(person) if person.nik == nik => Action::Register(person),
            _ => self.check(nik, None, false, ctx),
        }
    }

    /// "Daftarkan di loket": the person found by name, to the front desk.
    pub(super) fn register_at_desk(&self) -> Action<Message> {
        self.found_person().map_or(Action::None, Action::Register)
    }

    /// The person shown from a name search (no application), as the front desk's form.
    fn found_person(&self) -> Option<Prefill> {
        let Some(Current {
            application: None,
            lookup: Step::Done(checked),
            ..
        }) = &self.current
        else {
            return None;
        };
        let person = checked.lookup.person.as_ref()?;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Some(Prefill {
            name: person.name.clone(),
            nik: person.nik.clone(),
            kk: text(&person.kk),
            desa: text(&person.desa),
        })
    }
}
