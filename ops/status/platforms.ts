/**
 * Which MemberStates reads a stack's members, by the stack's `platform` output. The cluster view needs
 * nothing per platform; a new platform adds its reader here.
 */
import { DockerMemberStates } from "./docker-member-states";
import type { MemberStates } from "./member-states";
import { StackUnavailable, type StackOutputs } from "./stack-outputs";

export function memberStatesFor(stack: string, outputs: StackOutputs): MemberStates {
  switch (outputs.platform) {
    case "docker":
      return new DockerMemberStates();
    default:
      throw new StackUnavailable(
        `stack ${stack} runs on platform ${outputs.platform}, whose containers the status cannot read yet`,
      );
  }
}
