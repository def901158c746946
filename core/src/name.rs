//! A short name (a language code, a voice id, a field name in an error place) without a heap
//! allocation: loading a rule set reads thousands of them, and a `String` each was a good
//! part of the load's allocations.

use std::cmp::Ordering;
use std::fmt;

/// Bytes a name may have to be stored in place: the longest that keeps a `Name` as small
/// as a `String` (24 bytes). Language codes (`nl`, `pt-BR`) and voice ids are far shorter.
const INLINE: usize = 22;

/// A name: in place when short, else on the heap, whole (a longer key still loads and is
/// reported by the check that refuses it, never cut short).
#[derive(Clone)]
pub(crate) enum Name {
    /// Known when compiling (the field names of the rule-set format).
    Static(&'static str),
    /// At most [`INLINE`] bytes: the first `len` of `bytes`, copied from a whole `str`.
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Longer than [`INLINE`] bytes.
    Heap(Box<str>),
}

impl Name {
    /// A copy of `name`, in place when it fits.
    pub fn new(name: &str) -> Name {
        match u8::try_from(name.len()) {
            Ok(len) if name.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..name.len()].copy_from_slice(name.as_bytes());
                Name::Inline { len, bytes }
            }
            _ => Name::Heap(name.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Name::Static(s) => s,
            Name::Heap(s) => s,
            // Always valid: the bytes are a whole `str` (see `new`); "" is unreachable.
            Name::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or(""),
        }
    }

    /// The bytes, without the UTF-8 check of `as_str` (for comparisons on hot paths).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Name::Static(s) => s.as_bytes(),
            Name::Heap(s) => s.as_bytes(),
            Name::Inline { len, bytes } => &bytes[..usize::from(*len)],
        }
    }
}

impl From<String> for Name {
    /// Keeps the `String`'s buffer for a long name (no second copy).
    fn from(name: String) -> Name {
        if name.len() <= INLINE {
            Name::new(&name)
        } else {
            Name::Heap(name.into_boxed_str())
        }
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::Static("")
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The order of the `str`s (byte order), whichever way each is stored.
impl Ord for Name {
    fn cmp(&self, other: &Name) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

/// Like the `str` (what a `String` key printed before).
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::{Name, INLINE};

    #[test]
    fn short_names_are_inline_long_ones_whole_on_the_heap() {
        for s in ["", "nl", "pt-BR", "é", &"x".repeat(INLINE)] {
            let name = Name::new(s);
            assert!(matches!(name, Name::Inline { .. }), "{s:?} is inline");
            assert_eq!((name.as_str(), name.as_bytes()), (s, s.as_bytes()));
            assert_eq!(Name::from(s.to_string()), name);
        }
        // Longer than fits: kept whole, never cut short (`é` is two bytes: no split char).
        for s in ["x".repeat(INLINE + 1), "é".repeat(INLINE), "a-much-longer-language-or-voice-key".repeat(10)] {
            for name in [Name::new(&s), Name::from(s.clone())] {
                assert!(matches!(name, Name::Heap(_)), "{s:?} is on the heap");
                assert_eq!(name.as_str(), s);
            }
        }
        assert_eq!(std::mem::size_of::<Name>(), std::mem::size_of::<String>());
    }

    #[test]
    fn compares_and_orders_like_the_str_whatever_the_storage() {
        let long = "n".repeat(INLINE + 1);
        let names = [Name::Static("en"), Name::new("nl"), Name::new(&long), Name::new("ar"), Name::new("n")];
        for a in &names {
            for b in &names {
                assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()), "{a:?} {b:?}");
                assert_eq!(a == b, a.as_str() == b.as_str(), "{a:?} {b:?}");
            }
        }
        assert_eq!(Name::Static("nl"), Name::new("nl"));
        assert_eq!(format!("{:?}", Name::new("nl")), "\"nl\"");
    }
}
