//! The vocabulary that kiyaku's source format and its importer share, and
//! nothing else: the clause ids that say what a clause is about
//! (利用目的 → `purposes`), and the shapes a contact desk's fields must have.
//! The site crate checks sources against it; the importer writes drafts
//! that pass those checks. Neither needs the other's internals for it.

mod fields;
mod topics;

pub use fields::{is_email, is_phone_number, is_postal_code, is_web_url};
pub use topics::topic_id;
