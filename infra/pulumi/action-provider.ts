/**
 * A dynamic provider for a resource that is an action rather than a thing: it runs `apply` whenever any
 * input changes, and when created unless `applyOnCreate` says no for its inputs; it has nothing to remove.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Pulumi's key for the serialized provider in a dynamic resource's inputs. */
export const PROVIDER_KEY = "__provider";

/**
 * The inputs without the serialized provider: its text changes with any edit of the program's code, and between the
 * compiled program and the TypeScript one, while the action it runs stays the same.
 */
function ownInputs(inputs: object): object {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== PROVIDER_KEY));
}

export function actionProvider<T extends object>(
  id: (inputs: T) => string,
  apply: (inputs: T) => Promise<void>,
  applyOnCreate: boolean | ((inputs: T) => boolean) = true,
): pulumi.dynamic.ResourceProvider<T, T> {
  return {
    async create(inputs) {
      if (typeof applyOnCreate === "function" ? applyOnCreate(inputs) : applyOnCreate) await apply(inputs);
      return { id: id(inputs), outs: inputs };
    },

    async diff(_id, olds, news) {
      return {
        changes: JSON.stringify(ownInputs(olds)) !== JSON.stringify(ownInputs(news)),
        replaces: [],
        deleteBeforeReplace: false,
      };
    },

    async update(_id, _olds, news) {
      await apply(news);
      return { outs: news };
    },

    async delete() {},
  };
}
