//! The four roles that share the counter PC, each with its own screen.

/// Who is using the window right now (switched with the bar at the top or F1-F4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Front desk: writes new applications into the register (F1).
    #[default]
    PetugasLayanan,
    /// Operator: checks the snapshot and issues letters (F2).
    Operator,
    /// Leadership (Kabid/Kadis): sees letters waiting for paraf and signature (F3).
    Pimpinan,
    /// Administrator: imports snapshots (F4).
    Admin,
}

impl Role {
    /// Every role, in the order of the switcher and of F1-F4.
    pub const ALL: [Role; 4] = [
        Role::PetugasLayanan,
        Role::Operator,
        Role::Pimpinan,
        Role::Admin,
    ];

    /// Label shown in the switcher.
    pub fn label(self) -> &'static str {
        match self {
            Role::PetugasLayanan => "Petugas Layanan",
            Role::Operator => "Operator",
            Role::Pimpinan => "Pimpinan",
            Role::Admin => "Admin",
        }
    }

    /// Name written as the actor in the register and the audit log.
    pub fn actor(self) -> &'static str {
        match self {
            Role::PetugasLayanan => "petugas_layanan",
            Role::Operator => "operator",
            Role::Pimpinan => "pimpinan",
            Role::Admin => "admin",
        }
    }

    /// The user role needed to open this tab.
    pub fn needs(self) -> crate::core::users::Role {
        use crate::core::users::Role as UserRole;
        match self {
            Role::PetugasLayanan => UserRole::Petugas,
            Role::Operator => UserRole::Operator,
            Role::Pimpinan => UserRole::Pimpinan,
            Role::Admin => UserRole::Admin,
        }
    }

    /// The function key that selects this role ("F1".."F4").
    pub fn shortcut(self) -> &'static str {
        match self {
            Role::PetugasLayanan => "F1",
            Role::Operator => "F2",
            Role::Pimpinan => "F3",
            Role::Admin => "F4",
        }
    }
}

/// `name` as a `'static` string, so background tasks can carry the signed-in user's name
/// like the roles' fixed names. Each distinct name is kept once for the life of the
/// process (a handful of users per counter PC), so signing in again allocates nothing.
pub fn actor_name(name: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}
