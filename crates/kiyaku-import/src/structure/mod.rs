//! Finding the structure in clean lines: what each line is (a caption, a
//! list item, a dated line, a contact detail), how captions nest, and where
//! the 附則 and 改定履歴 begin.

mod captions;
pub(crate) mod classify;
pub(crate) mod contact;
pub(crate) mod dates;
pub(crate) mod nesting;
pub(crate) mod sections;
pub(crate) mod supplementary;
