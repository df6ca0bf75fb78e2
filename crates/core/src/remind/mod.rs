//! Movement-break reminders, the pure part: settings, working hours, the schedule and the
//! messages. The scheduler thread and the notifiers live in the binary.

pub mod answer;
pub mod hours;
pub mod messages;
pub mod protocol;
pub mod schedule;
pub mod settings;

pub use settings::ReminderSettings;
