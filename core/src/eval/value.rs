//! Runtime values and three-valued truth.

/// A fact's value in a slot. `Unknown` is a value like any other: it flows through every
/// operator (Kleene logic for booleans, unknown-in/unknown-out for the rest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Value {
    /// Not answered (yet).
    #[default]
    Unknown,
    /// bool.
    Bool(bool),
    /// int.
    Int(i64),
    /// Index into the enum's value list.
    Enum(u16),
    /// Bit `i` set = value `i` present (at most 64 values).
    Set(u64),
    /// Seconds since the Unix epoch (datetime; a date is its midnight UTC).
    Time(i64),
}

/// Kleene truth value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tri {
    /// Holds in no completion of the case.
    False,
    /// Depends on facts not yet known.
    Unknown,
    /// Holds in every completion of the case.
    True,
}

impl Value {
    /// The truth value of a boolean value.
    #[inline]
    pub fn tri(self) -> Tri {
        match self {
            Value::Bool(true) => Tri::True,
            Value::Bool(false) => Tri::False,
            _ => Tri::Unknown,
        }
    }
}

impl std::ops::Not for Tri {
    type Output = Tri;

    /// Kleene negation.
    #[inline]
    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

impl Tri {
    /// As a value.
    #[inline]
    pub fn value(self) -> Value {
        match self {
            Tri::True => Value::Bool(true),
            Tri::False => Value::Bool(false),
            Tri::Unknown => Value::Unknown,
        }
    }

    /// Kleene conjunction.
    #[inline]
    pub fn and(self, other: Tri) -> Tri {
        self.min(other)
    }
}
