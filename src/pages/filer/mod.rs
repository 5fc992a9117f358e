//! Screens of the 网站主办者 (filer).

pub mod home;
