/**
 * A dynamic provider for a resource that is an action rather than a thing: it runs `apply` whenever any
 * input changes, and when created unless `applyOnCreate` is false; it has nothing to remove.
 */
import type * as pulumi from "@pulumi/pulumi";

export function actionProvider<T extends object>(
  id: (inputs: T) => string,
  apply: (inputs: T) => Promise<void>,
  applyOnCreate = true,
): pulumi.dynamic.ResourceProvider<T, T> {
  return {
    async create(inputs) {
      if (applyOnCreate) await apply(inputs);
      return { id: id(inputs), outs: inputs };
    },

    async diff(_id, olds, news) {
      return {
        changes: JSON.stringify(olds) !== JSON.stringify(news),
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
