/**
 * The Pulumi program: the stack config, checked before anything is declared, and the stack it
 * describes, named after the current project and stack. Its exports are the stack outputs.
 */
import { loadConfig } from "./config";
import { currentStackIdentity } from "./docker/identity";
import { declareStack } from "./stack";

export = declareStack(loadConfig(), currentStackIdentity());
