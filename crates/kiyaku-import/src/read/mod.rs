//! Reading an existing policy: bytes decoded, HTML and Markdown reduced to
//! clean lines of text, with links, emphasis and table cells carried along
//! as marks ([`marks`]). What a line is, is decided after (the one question
//! reading asks, whether a line is a title, it asks the caller).

pub(crate) mod decode;
pub(crate) mod emphasis;
pub(crate) mod furniture;
pub(crate) mod html;
pub(crate) mod html_lists;
pub(crate) mod input;
pub(crate) mod lines;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod marks;
pub(crate) mod table;
