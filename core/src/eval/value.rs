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
    /// A time known only as a range: from (seconds since the epoch) and width in seconds
    /// (> 0). Every operator over it is exact for every time in the range or undecided.
    TimeRange(i64, u32),
    /// An int known only as a range: lowest value and width (> 0), e.g. `hours_since` of a
    /// [`Value::TimeRange`].
    IntRange(i64, u32),
}

// Ranges are packed as (start, u32 width) so a value stays two words: the hot path moves
// many of them.
const _: () = assert!(std::mem::size_of::<Value>() == 16);

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

impl Value {
    /// A time range from `from` to `to` (inclusive); a single time when they are equal,
    /// unknown when `to < from` or the width does not fit (unknown is always sound).
    pub fn time_range(from: i64, to: i64) -> Value {
        match to.checked_sub(from).map(u32::try_from) {
            Some(Ok(0)) => Value::Time(from),
            Some(Ok(w)) => Value::TimeRange(from, w),
            _ => Value::Unknown,
        }
    }

    /// An int range `lo..=hi`; a single int when they are equal, unknown when too wide.
    pub fn int_range(lo: i64, hi: i64) -> Value {
        match hi.checked_sub(lo).map(u32::try_from) {
            Some(Ok(0)) => Value::Int(lo),
            Some(Ok(w)) => Value::IntRange(lo, w),
            _ => Value::Unknown,
        }
    }

    /// Not one exact value: unknown, or known only as a range (asking again narrows it).
    #[inline]
    pub fn is_open(self) -> bool {
        matches!(self, Value::Unknown | Value::TimeRange(..) | Value::IntRange(..))
    }

    /// Lowest and highest value of an int or int range.
    #[inline]
    fn int_bounds(self) -> Option<(i64, i64)> {
        match self {
            Value::Int(x) => Some((x, x)),
            Value::IntRange(lo, w) => Some((lo, lo.saturating_add(i64::from(w)))),
            _ => None,
        }
    }

    /// Earliest and latest time of a time or time range.
    #[inline]
    pub fn time_bounds(self) -> Option<(i64, i64)> {
        match self {
            Value::Time(t) => Some((t, t)),
            Value::TimeRange(from, w) => Some((from, from.saturating_add(i64::from(w)))),
            _ => None,
        }
    }
}

/// Interval forms of the int operators, shared by both evaluators (the exact cases stay
/// inline there). Saturating bounds are monotone, so every result contains every value the
/// operator can give for points of its operands' ranges: an outcome is decided only when it
/// holds for every point.
pub(crate) mod interval {
    use super::Value;

    /// `a cmp b` over ranges: true if it holds for every pair, false if for none.
    #[cold]
    #[inline(never)]
    pub fn cmp(holds: &dyn Fn(i64, i64) -> bool, a: Value, b: Value) -> Value {
        let (Some((alo, ahi)), Some((blo, bhi))) = (a.int_bounds(), b.int_bounds()) else {
            return Value::Unknown;
        };
        // Over boxes, each of <, <=, >, >=, ==, != holds everywhere iff it holds at the
        // corners and (for ==, !=) the boxes are points or disjoint: check all four corners
        // and, for equality, overlap.
        let corners = [holds(alo, blo), holds(alo, bhi), holds(ahi, blo), holds(ahi, bhi)];
        let overlap = alo <= bhi && blo <= ahi;
        let eq_like = holds(0, 0) != holds(0, 1) && holds(0, 0) != holds(1, 0);
        if eq_like {
            // == or !=: decided only for disjoint boxes or two equal points.
            let points = alo == ahi && blo == bhi;
            return if !overlap || points { Value::Bool(corners[0]) } else { Value::Unknown };
        }
        match (corners.iter().all(|&c| c), corners.iter().any(|&c| c)) {
            (true, _) => Value::Bool(true),
            (false, false) => Value::Bool(false),
            _ => Value::Unknown,
        }
    }

    /// `a op b` over ranges for a monotone-per-corner `op` (+, -, *).
    #[cold]
    #[inline(never)]
    pub fn arith(a: Value, b: Value, f: fn(i64, i64) -> i64) -> Value {
        let (Some((alo, ahi)), Some((blo, bhi))) = (a.int_bounds(), b.int_bounds()) else {
            return Value::Unknown;
        };
        let c = [f(alo, blo), f(alo, bhi), f(ahi, blo), f(ahi, bhi)];
        let (lo, hi) = (c.iter().copied().min().unwrap_or(0), c.iter().copied().max().unwrap_or(0));
        Value::int_range(lo, hi)
    }

    /// `-a` over a range.
    #[cold]
    #[inline(never)]
    pub fn neg(a: Value) -> Value {
        match a.int_bounds() {
            Some((lo, hi)) => Value::int_range(hi.saturating_neg(), lo.saturating_neg()),
            None => Value::Unknown,
        }
    }

    /// Whole periods of `unit` seconds from a time range to `now`: floor is monotone and
    /// takes every integer between its values at the ends.
    #[cold]
    #[inline(never)]
    pub fn since(a: Value, now: i64, unit: i64) -> Value {
        match a.time_bounds() {
            Some((from, to)) => {
                Value::int_range(now.saturating_sub(to).div_euclid(unit), now.saturating_sub(from).div_euclid(unit))
            }
            None => Value::Unknown,
        }
    }

    /// Equality of two values where one may be a range (bool and enum never are).
    #[cold]
    #[inline(never)]
    pub fn same(a: Value, b: Value, equal: bool) -> Value {
        match (a, b) {
            (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
            (Value::TimeRange(..) | Value::IntRange(..), _) | (_, Value::TimeRange(..) | Value::IntRange(..)) => {
                Value::Unknown
            }
            (x, y) => Value::Bool((x == y) == equal),
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
