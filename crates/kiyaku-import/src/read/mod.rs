//! Reading an existing policy: bytes decoded, HTML and Markdown reduced to
//! clean lines of text, with links, emphasis and table cells carried along
//! as marks. Nothing here decides what a line is.

pub(crate) mod decode;
pub(crate) mod emphasis;
pub(crate) mod furniture;
pub(crate) mod html_lists;
pub(crate) mod input;
pub(crate) mod lines;
pub(crate) mod links;
pub(crate) mod marks;
pub(crate) mod table;
