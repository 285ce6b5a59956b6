//! `refract format`: placeholder replaced below.
pub fn format(_text: &str) -> Option<String> {
    None
}
