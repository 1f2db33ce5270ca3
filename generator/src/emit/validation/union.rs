//! `Validate` for union types: a discriminated union checks its discriminator and hands the value
//! to the variant it names; an undiscriminated one checks every alternative and requires exactly
//! one (`oneOf`) or at least one (`anyOf`) to hold.

use super::Emitter;
use crate::emit::{features, ident};
use crate::ir::{TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    pub(super) fn union_item(&mut self, def: &TypeDef, union: &Union) -> TokenStream {
        let name = ident(&def.name);
        let schema_name = &def.schema_name;
        let (body, alternatives) = match &union.discriminator {
            Some(property) => (self.discriminated(def, union, property), quote!()),
            None => self.undiscriminated(def, union),
        };
        quote! {
            #alternatives

            impl Validate for models::#name {
                const SCHEMA_NAME: &'static str = #schema_name;

                fn validate_at(value: &Value, at: &mut Pointer, out: &mut Vec<Violation>) {
                    #body
                }
            }
        }
    }

    fn discriminated(&mut self, def: &TypeDef, union: &Union, property: &str) -> TokenStream {
        let expected_object = format!("an object ({})", def.schema_name);
        let mut arms: Vec<TokenStream> = Vec::new();
        for variant in &union.variants {
            let tags = &variant.tags;
            let check = self
                .check(&variant.shape, &format!("{}_{}", def.name, variant.name))
                .unwrap_or_default();
            let needed = features::of_variant(self.model, &def.name, variant);
            let gate = features::gate(needed);
            arms.push(quote!(#gate Some(#(#tags)|*) => { #check }));
            // A build without the subtype's area says so rather than list the tags it knows.
            if let Some(needed) = needed {
                let left_out = features::without(needed);
                let named: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
                let features: Vec<String> = needed.iter().map(|f| format!("`{f}`")).collect();
                let message = format!(
                    "{} names a type this build of the service leaves out (the crate's feature {} is off)",
                    named.join(" or "),
                    features.join(" or ")
                );
                arms.push(quote! {
                    #left_out
                    Some(#(#tags)|*) => {
                        let mark = at.push(#property);
                        checks::report(out, at, "invalidDiscriminator", #message.to_owned());
                        at.truncate(mark);
                    }
                });
            }
        }
        let tags: Vec<&String> = union.variants.iter().flat_map(|v| &v.tags).collect();
        let listed = tags
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // A selection may leave a base with no subtype: every tag is one it did not keep.
        let unknown = if tags.is_empty() {
            format!(
                "no subtype of {} was selected when this crate was generated; got ",
                def.schema_name
            )
        } else {
            format!("expected one of {listed}, got ")
        };
        quote! {
            let Some(object) = checks::object(out, at, value, #expected_object) else {
                return;
            };
            let tag = object.get(#property);
            match tag.and_then(Value::as_str) {
                #(#arms)*
                _ => match tag {
                    None => checks::missing(out, at, #property),
                    Some(tag) => {
                        let mark = at.push(#property);
                        if tag.is_string() {
                            checks::report(out, at, "invalidDiscriminator", format!("{}{}", #unknown, checks::describe(tag)));
                        } else {
                            checks::wrong_type(out, at, "a string", tag);
                        }
                        at.truncate(mark);
                    }
                },
            }
        }
    }

    /// The check of an undiscriminated union, and `alternatives_found`: what each alternative
    /// finds wrong with a value, which the check reads and the model's deserializer too, to
    /// take the alternative the value satisfies rather than the first that decodes.
    fn undiscriminated(&mut self, def: &TypeDef, union: &Union) -> (TokenStream, TokenStream) {
        let mut uses_value = false;
        let attempts: Vec<TokenStream> = union
            .variants
            .iter()
            .map(|variant| {
                match self.check(&variant.shape, &format!("{}_{}", def.name, variant.name)) {
                    Some(check) => {
                        uses_value = true;
                        quote! {
                            {
                                let mut found = Vec::new();
                                {
                                    let out = &mut found;
                                    #check
                                }
                                found
                            }
                        }
                    }
                    None => quote!(Vec::new()),
                }
            })
            .collect();
        let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
        let exactly_one = union.exactly_one;
        let (value, at) = if uses_value {
            (quote!(value), quote!(at))
        } else {
            (quote!(_value), quote!(_at))
        };
        let name = ident(&def.name);
        let alternatives = quote! {
            impl models::#name {
                /// What each alternative, in spec order, finds wrong with `value` at `at`:
                /// nothing for those it satisfies.
                pub(crate) fn alternatives_found(#value: &Value, #at: &mut Pointer) -> Vec<Vec<Violation>> {
                    vec![#(#attempts),*]
                }
            }
        };
        let body = quote! {
            let found = Self::alternatives_found(value, at);
            checks::alternatives(out, at, found, &[#(#names),*], #exactly_one);
        };
        (body, alternatives)
    }
}
