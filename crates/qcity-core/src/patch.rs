//! Full parameter structs and their all-optional "patch" twins.
//!
//! Every number the model assumes lives in `assets/model.ron` (with its source or the reason it is
//! assumed). A scenario only states what it changes: its `levers` and `params` sections are
//! *patches* whose fields are all optional, applied on top of those defaults. The
//! [`patchable!`](crate::patchable) macro writes both structs from one definition, with each
//! field's valid range, so validation and error messages come from the same place.

use serde::{Serialize, de::DeserializeOwned};

/// A value that a scenario can override, wholly or in part.
pub trait Patchable: Clone {
    /// What a scenario writes to change it: the value itself for scalars, a struct of options for
    /// structs.
    type Patch: Clone + std::fmt::Debug + Default + Serialize + DeserializeOwned + PartialEq;
    fn apply(&mut self, patch: &Self::Patch);
    /// Lays `over` on top of `base`: what `over` sets wins (a scenario over its base).
    fn merge_patch(base: &mut Self::Patch, over: &Self::Patch);
}

macro_rules! scalar_patch {
    ($($t:ty),*) => {$(
        impl $crate::patch::Patchable for $t {
            type Patch = Option<$t>;
            fn apply(&mut self, patch: &Self::Patch) {
                if let Some(v) = patch { *self = v.clone(); }
            }
            fn merge_patch(base: &mut Self::Patch, over: &Self::Patch) {
                if over.is_some() { *base = over.clone(); }
            }
        }
    )*};
}
scalar_patch!(f64, u32, u64, bool, String);
pub(crate) use scalar_patch;

impl<T: Clone + std::fmt::Debug + Serialize + DeserializeOwned + PartialEq> Patchable for Vec<T> {
    type Patch = Option<Vec<T>>;
    fn apply(&mut self, patch: &Self::Patch) {
        if let Some(v) = patch {
            *self = v.clone();
        }
    }
    fn merge_patch(base: &mut Self::Patch, over: &Self::Patch) {
        if over.is_some() {
            *base = over.clone();
        }
    }
}

/// A problem found by validation: where (a field path such as `levers.city.subsidy_rate`) and
/// what is wrong, including what would be valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub path: String,
    pub message: String,
}

/// Range checks written next to each field by [`patchable!`](crate::patchable).
pub trait Validate {
    fn validate(&self, path: &str, out: &mut Vec<Invalid>);
}

macro_rules! no_nested_validation {
    ($($t:ty),*) => {$(
        impl $crate::patch::Validate for $t {
            fn validate(&self, _: &str, _: &mut Vec<$crate::patch::Invalid>) {}
        }
    )*};
}
no_nested_validation!(f64, u32, u64, bool, String);
pub(crate) use no_nested_validation;
impl<T> Validate for Vec<T> {
    fn validate(&self, _: &str, _: &mut Vec<Invalid>) {}
}

/// Checks one number against its range; NaN and infinities are never valid.
pub fn check_range(value: f64, lo: f64, hi: f64, path: &str, out: &mut Vec<Invalid>) {
    if !value.is_finite() || value < lo || value > hi {
        out.push(Invalid {
            path: path.to_string(),
            message: format!("{value} is out of range: valid values are {lo} to {hi}"),
        });
    }
}

/// Writes a parameter struct and its patch twin.
///
/// ```ignore
/// patchable! {
///     /// Doc.
///     pub struct Inspection / InspectionPatch {
///         /// Mean detection skill.
///         pub skill_mean: f64 [0.0, 1.0],
///         pub rates: PerGrade,
///     }
/// }
/// ```
/// A numeric field may carry its valid range `[lo, hi]`; a nested struct is validated by its own
/// ranges.
#[macro_export]
macro_rules! patchable {
    (
        $(#[$m:meta])*
        pub struct $name:ident / $patch:ident {
            $( $(#[$fm:meta])* pub $field:ident : $ty:ty $([$lo:expr, $hi:expr])? ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $( $(#[$fm])* pub $field: $ty ),* }

        #[doc = concat!("A partial [`", stringify!($name), "`]: every field optional, applied over the defaults.")]
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct $patch {
            $(
                #[serde(skip_serializing_if = "crate::patch::is_default")]
                pub $field: <$ty as $crate::patch::Patchable>::Patch
            ),*
        }

        impl $crate::patch::Patchable for $name {
            type Patch = $patch;
            fn apply(&mut self, patch: &$patch) {
                $( $crate::patch::Patchable::apply(&mut self.$field, &patch.$field); )*
            }
            fn merge_patch(base: &mut $patch, over: &$patch) {
                $( <$ty as $crate::patch::Patchable>::merge_patch(&mut base.$field, &over.$field); )*
            }
        }

        impl $name {
            /// The numeric fields with a valid range: (name, low, high).
            #[allow(dead_code)]
            pub const RANGES: &'static [(&'static str, f64, f64)] = &[
                $( $( (stringify!($field), $lo as f64, $hi as f64), )? )*
            ];
        }

        impl $crate::patch::Validate for $name {
            #[allow(unused_variables)]
            fn validate(&self, path: &str, out: &mut Vec<$crate::patch::Invalid>) {
                $(
                    let p = if path.is_empty() { stringify!($field).to_string() } else { format!("{}.{}", path, stringify!($field)) };
                    $( $crate::patch::check_range(self.$field as f64, $lo as f64, $hi as f64, &p, out); )?
                    $crate::patch::Validate::validate(&self.$field, &p, out);
                )*
            }
        }
    };
}

/// Used by the generated patch structs to leave unset fields out of serialised scenarios.
pub fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}
