//! The `support` file: the few helpers generated code shares, the same for every spec.

use proc_macro2::TokenStream;
use quote::quote;

pub fn emit() -> TokenStream {
    let present_or_null = present_or_null();
    quote! {
        //! Helpers shared by the generated code.

        /// A string that is not one of an enum's listed values, from `FromStr`.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownEnumValue {
            /// The Rust name of the enum.
            pub type_name: &'static str,
            /// The string that was given.
            pub value: String,
            /// The values the enum lists.
            pub expected: &'static [&'static str],
        }

        impl std::fmt::Display for UnknownEnumValue {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(
                    f,
                    "{:?} is not a {} value; expected one of: {}",
                    self.value,
                    self.type_name,
                    self.expected.join(", ")
                )
            }
        }

        impl std::error::Error for UnknownEnumValue {}

        #present_or_null
    }
}

fn present_or_null() -> TokenStream {
    quote! {
        /// Deserializes a property that may be absent or `null`: a present key gives `Some`,
        /// whose inner `None` is an explicit `null`; an absent key is left to
        /// `#[serde(default)]`. Used as `deserialize_with`.
        pub fn present_or_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
        where
            D: serde::Deserializer<'de>,
            T: serde::Deserialize<'de>,
        {
            <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
        }
    }
}
