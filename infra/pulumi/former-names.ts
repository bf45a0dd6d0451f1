/**
 * Resources that kept their URN across a rename: a component's children were once declared at the top
 * level under shorter names, and an alias with the former name lets Pulumi find them in older states
 * instead of replacing them.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Options that keep a resource's URN from before it was named after its component. */
export function formerlyNamed(name: string): Pick<pulumi.CustomResourceOptions, "aliases"> {
  return { aliases: [{ name }] };
}
