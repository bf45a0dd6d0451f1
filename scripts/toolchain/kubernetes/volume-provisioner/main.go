// The local cluster's dynamic volume provisioner: each claim of its StorageClass gets a directory on this host,
// given to pods as a `local` PersistentVolume, which (unlike hostPath) takes the pod's fsGroup, so non-root pods
// can write to it. The directory is removed with its volume. It runs on the host, so it needs no helper pods.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
	"sigs.k8s.io/sig-storage-lib-external-provisioner/v13/controller"
)

type directoryProvisioner struct {
	root string // every volume is a directory directly under it
	node string // the node whose kubelet can mount the directories
}

func (p *directoryProvisioner) Provision(_ context.Context, opts controller.ProvisionOptions) (*v1.PersistentVolume, controller.ProvisioningState, error) {
	claim := opts.PVC
	if claim.Spec.Selector != nil {
		return nil, controller.ProvisioningFinished, errors.New("claims with a selector are not supported")
	}
	if claim.Spec.VolumeMode != nil && *claim.Spec.VolumeMode == v1.PersistentVolumeBlock {
		return nil, controller.ProvisioningFinished, errors.New("block volumes are not supported, only Filesystem")
	}
	if opts.SelectedNodeName != "" && opts.SelectedNodeName != p.node {
		return nil, controller.ProvisioningFinished, fmt.Errorf("node %q is not this host's node %q", opts.SelectedNodeName, p.node)
	}
	path := filepath.Join(p.root, opts.PVName)
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, controller.ProvisioningInBackground, err
	}
	// Open to every uid, as a fresh disk would be to its pod; with an fsGroup the kubelet narrows it to the group.
	if err := os.Chmod(path, 0o777); err != nil {
		return nil, controller.ProvisioningInBackground, err
	}
	reclaim := v1.PersistentVolumeReclaimDelete
	if opts.StorageClass.ReclaimPolicy != nil {
		reclaim = *opts.StorageClass.ReclaimPolicy
	}
	return &v1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: opts.PVName},
		Spec: v1.PersistentVolumeSpec{
			PersistentVolumeReclaimPolicy: reclaim,
			AccessModes:                   claim.Spec.AccessModes,
			VolumeMode:                    claim.Spec.VolumeMode,
			MountOptions:                  opts.StorageClass.MountOptions,
			Capacity:                      v1.ResourceList{v1.ResourceStorage: claim.Spec.Resources.Requests[v1.ResourceStorage]},
			PersistentVolumeSource:        v1.PersistentVolumeSource{Local: &v1.LocalVolumeSource{Path: path}},
			NodeAffinity: &v1.VolumeNodeAffinity{Required: &v1.NodeSelector{NodeSelectorTerms: []v1.NodeSelectorTerm{{
				MatchExpressions: []v1.NodeSelectorRequirement{{
					Key: v1.LabelHostname, Operator: v1.NodeSelectorOpIn, Values: []string{p.node},
				}},
			}}}},
		},
	}, controller.ProvisioningFinished, nil
}

func (p *directoryProvisioner) Delete(_ context.Context, pv *v1.PersistentVolume) error {
	if pv.Spec.Local == nil || filepath.Dir(pv.Spec.Local.Path) != p.root {
		return &controller.IgnoredError{Reason: "not a directory of " + p.root}
	}
	return os.RemoveAll(pv.Spec.Local.Path)
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the provisioner's user")
	root := flag.String("directory", "", "absolute path of the directory that holds the volumes")
	node := flag.String("node-name", "", "name of this host's node")
	name := flag.String("provisioner-name", "", "provisioner name that StorageClasses refer to")
	klog.InitFlags(nil)
	flag.Parse()
	if *kubeconfig == "" || !filepath.IsAbs(*root) || *node == "" || *name == "" {
		klog.Fatal("--kubeconfig, --directory (absolute), --node-name and --provisioner-name are required")
	}
	if err := os.MkdirAll(*root, 0o755); err != nil {
		klog.Fatal(err)
	}
	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		klog.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	provisioner := &directoryProvisioner{root: filepath.Clean(*root), node: *node}
	controller.NewProvisionController(ctx, kubernetes.NewForConfigOrDie(config), *name, provisioner,
		controller.LeaderElection(false)).Run(ctx)
}
