/**
 * Which MemberStates reads a stack's members, by the stack's `platform` output. The cluster view needs
 * nothing per platform; a new platform adds its reader here.
 */
import { DockerMemberStates } from "./docker-member-states";
import { stackKubeAccess } from "./kube-access";
import { KubernetesMemberStates } from "./kubernetes-member-states";
import type { MemberStates } from "./member-states";
import { StackUnavailable, type StackView } from "./stack-outputs";

export function memberStatesFor(stack: string, view: StackView): MemberStates {
  switch (view.platform) {
    case "docker":
      return new DockerMemberStates();
    case "kubernetes":
      if (view.namespace === undefined)
        throw new StackUnavailable(`stack ${stack} runs on Kubernetes, but its outputs name no namespace`);
      return new KubernetesMemberStates(view.namespace, () => stackKubeAccess(stack));
  }
}
