//! Which steps an office uses, and the legal moves between the states.

use serde::{Deserialize, Serialize};

use super::Status;

/// The steps an office uses (an office setting). Every other step is always taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    /// The front desk checks the papers before the operator (Solok, Luwu Timur). When
    /// off, the operator checks a received application directly.
    #[serde(default = "yes")]
    pub papers_step: bool,
    /// The Kabid initials (paraf) a letter before it is signed (Karangasem). When off,
    /// a printed letter goes straight to signing.
    #[serde(default = "yes")]
    pub paraf_step: bool,
}

fn yes() -> bool {
    true
}

impl Default for Workflow {
    fn default() -> Self {
        Workflow {
            papers_step: true,
            paraf_step: true,
        }
    }
}

impl Status {
    /// Whether an application in this state may move to `next` under `flow`. This is
    /// the whole state machine: [`transition`](super::transition) stores nothing else.
    pub fn can_move_to(self, next: Status, flow: &Workflow) -> bool {
        self.next_states(flow).contains(&next)
    }

    /// The states an application in this state may move to under `flow`, in the order
    /// their buttons are shown.
    pub fn next_states(self, flow: &Workflow) -> Vec<Status> {
        use Status::*;
        let mut next = match self {
            Diterima if flow.papers_step => vec![BerkasLengkap, BerkasTidakLengkap],
            Diterima => vec![Terdaftar, TidakTerdaftar],
            BerkasTidakLengkap => vec![BerkasLengkap],
            BerkasLengkap => vec![Terdaftar, TidakTerdaftar],
            Terdaftar => vec![SuratDicetak],
            TidakTerdaftar => vec![SlipSaran],
            SuratDicetak if flow.paraf_step => vec![Diparaf],
            SuratDicetak | Diparaf => vec![Ditandatangani],
            Ditandatangani => vec![Diserahkan, DikirimOnline],
            SlipSaran => vec![Selesai],
            Diserahkan | DikirimOnline | Selesai | Dibatalkan => vec![],
        };
        // An application may be cancelled until a document exists for it; a letter is
        // voided instead, a slip is handed over and closed.
        if matches!(
            self,
            Diterima | BerkasLengkap | BerkasTidakLengkap | Terdaftar | TidakTerdaftar
        ) {
            next.push(Dibatalkan);
        }
        next
    }

    /// Whether the operator has something to do for an application in this state: it
    /// waits for the check, the letter or the slip.
    pub fn waits_for_operator(self, flow: &Workflow) -> bool {
        match self {
            Status::Diterima => !flow.papers_step,
            Status::BerkasLengkap | Status::Terdaftar | Status::TidakTerdaftar => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flows() -> [Workflow; 4] {
        [(true, true), (true, false), (false, true), (false, false)].map(|(p, q)| Workflow {
            papers_step: p,
            paraf_step: q,
        })
    }

    #[test]
    fn no_state_moves_to_itself_or_back_to_received() {
        for flow in flows() {
            for from in Status::ALL {
                assert!(!from.can_move_to(from, &flow), "{from:?}");
                assert!(!from.can_move_to(Status::Diterima, &flow), "{from:?}");
            }
        }
    }

    #[test]
    fn final_states_never_move() {
        for flow in flows() {
            for from in Status::ALL.into_iter().filter(|s| s.is_final()) {
                assert!(from.next_states(&flow).is_empty(), "{from:?}");
            }
        }
    }

    #[test]
    fn every_state_is_reachable_and_every_open_state_can_finish() {
        let flow = Workflow::default();
        let mut seen = vec![Status::Diterima];
        let mut i = 0;
        while i < seen.len() {
            for next in seen[i].next_states(&flow) {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), Status::ALL.len(), "{seen:?}");
        for s in Status::ALL {
            assert!(s.is_final() || !s.next_states(&flow).is_empty(), "{s:?}");
        }
    }

    #[test]
    fn a_letter_needs_a_registered_check_and_a_slip_a_not_registered_one() {
        for flow in flows() {
            for from in Status::ALL {
                if from.can_move_to(Status::SuratDicetak, &flow) {
                    assert_eq!(from, Status::Terdaftar);
                }
                if from.can_move_to(Status::SlipSaran, &flow) {
                    assert_eq!(from, Status::TidakTerdaftar);
                }
            }
        }
    }

    #[test]
    fn office_settings_remove_the_paper_check_and_the_paraf() {
        let neither = Workflow {
            papers_step: false,
            paraf_step: false,
        };
        use Status::*;
        assert!(Diterima.can_move_to(Terdaftar, &neither));
        assert!(!Diterima.can_move_to(Terdaftar, &Workflow::default()));
        assert!(SuratDicetak.can_move_to(Ditandatangani, &neither));
        assert!(!SuratDicetak.can_move_to(Ditandatangani, &Workflow::default()));
        assert!(SuratDicetak.can_move_to(Diparaf, &Workflow::default()));
        assert!(!SuratDicetak.can_move_to(Dibatalkan, &neither));
    }
}
