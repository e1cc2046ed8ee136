// The one contract between Node and the renderer, merged from one file per
// domain (engine, containers, images, networks). Adding a feature means one
// entry in its domain's file and one handler in a service; the transports
// never change.
//
// - Calls: request -> response. `args` is validated at the boundary with the
//   schema in `callArgs`; results come from our own services and are trusted.
// - Events: pushed from Node to every connected renderer.
// - Streams: bytes from Node, paused above a watermark until the renderer acks.
import type { z } from 'zod';
import { containerLogStreamArgs, type ContainerLogStreams } from './container-logs-channels.ts';
import {
  containerCallArgs,
  containerStreamArgs,
  type ContainerCalls,
  type ContainerEvents,
  type ContainerStreams,
} from './containers-channels.ts';
import {
  engineCallArgs,
  engineStreamArgs,
  type EngineCalls,
  type EngineEvents,
  type EngineStreams,
} from './engine-channels.ts';
import { vmCallArgs, vmStreamArgs, type VmCalls, type VmStreams } from './vm-channels.ts';
import {
  imageCallArgs,
  imageStreamArgs,
  type ImageCalls,
  type ImageEvents,
  type ImageStreams,
} from './images-channels.ts';
import { containerFileCallArgs, type ContainerFileCalls } from './container-files-channels.ts';
import {
  imageLayerCallArgs,
  imageLayerStreamArgs,
  type ImageLayerCalls,
  type ImageLayerStreams,
} from './image-layers-channels.ts';
import { imageHistoryCallArgs, type ImageHistoryCalls } from './image-history-channels.ts';
import {
  imageBuildCallArgs,
  imageBuildStreamArgs,
  type ImageBuildCalls,
  type ImageBuildStreams,
} from './image-build-channels.ts';
import { imageCommitCallArgs, type ImageCommitCalls } from './image-commit-channels.ts';
import {
  imageSharingCallArgs,
  imageSharingStreamArgs,
  type ImageSharingCalls,
  type ImageSharingStreams,
} from './image-sharing-channels.ts';
import { networkCallArgs, type NetworkCalls, type NetworkEvents } from './networks-channels.ts';
import { networkActionCallArgs, type NetworkActionCalls } from './network-actions-channels.ts';
import { volumeCallArgs, type VolumeCalls, type VolumeEvents } from './volumes-channels.ts';
import { volumeFileCallArgs, type VolumeFileCalls } from './volume-files-channels.ts';
import { volumeActionCallArgs, type VolumeActionCalls } from './volume-actions-channels.ts';
import { keptOutputCallArgs, type KeptOutputCalls } from './kept-output-channels.ts';
import { portCallArgs, type PortCalls } from './ports-channels.ts';
import { registryCallArgs, type RegistryCalls } from './registries-channels.ts';
import { previewCallArgs, type PreviewCalls } from './preview-channels.ts';
import { processCallArgs, type ProcessCalls } from './processes-channels.ts';
import { sampleCallArgs, type SampleCalls } from './samples-channels.ts';
import { settingsCallArgs, type SettingsCalls, type SettingsEvents } from './settings-channels.ts';
import { terminalStreamArgs, type TerminalStreams } from './terminals-channels.ts';
import { transferCallArgs, type TransferCalls } from './transfers-channels.ts';
import {
  transferProgressStreamArgs,
  type TransferProgressStreams,
} from './transfer-progress-channels.ts';
import {
  composeCallArgs,
  composeStreamArgs,
  type ComposeCalls,
  type ComposeStreams,
} from './compose-channels.ts';
import { diskCallArgs, type DiskCalls } from './disk-channels.ts';
import { eventStreamArgs, type EventStreams } from './events-channels.ts';
import {
  swarmCallArgs,
  swarmStreamArgs,
  type SwarmCalls,
  type SwarmStreams,
} from './swarm-channels.ts';

export type { ImageDetails, ImageSummary } from './images-channels.ts';
export type { NetworkSummary } from './networks-channels.ts';
export type { VolumeSummary } from './volumes-channels.ts';

export interface Calls
  extends
    EngineCalls,
    VmCalls,
    ContainerCalls,
    ContainerFileCalls,
    ImageCalls,
    ImageLayerCalls,
    ImageHistoryCalls,
    ImageBuildCalls,
    ImageCommitCalls,
    ImageSharingCalls,
    NetworkCalls,
    NetworkActionCalls,
    VolumeCalls,
    VolumeFileCalls,
    VolumeActionCalls,
    TransferCalls,
    ProcessCalls,
    SampleCalls,
    PortCalls,
    PreviewCalls,
    KeptOutputCalls,
    RegistryCalls,
    ComposeCalls,
    DiskCalls,
    SettingsCalls,
    SwarmCalls {}
export interface Events
  extends EngineEvents, ContainerEvents, ImageEvents, VolumeEvents, NetworkEvents, SettingsEvents {}
export interface Streams
  extends
    EngineStreams,
    VmStreams,
    ContainerStreams,
    ImageStreams,
    ImageLayerStreams,
    ImageBuildStreams,
    ImageSharingStreams,
    TerminalStreams,
    ContainerLogStreams,
    TransferProgressStreams,
    ComposeStreams,
    EventStreams,
    SwarmStreams {}

export type CallChannel = keyof Calls;
export type EventChannel = keyof Events;
export type StreamChannel = keyof Streams;
export type CallArgs<K extends CallChannel> = Calls[K]['args'];
export type CallResult<K extends CallChannel> = Calls[K]['result'];
export type StreamArgs<K extends StreamChannel> = Streams[K]['args'];

/** Argument schemas, one per call; the type forces one for every channel. */
export const callArgs: { [K in CallChannel]: z.ZodType<CallArgs<K>> } = {
  ...engineCallArgs,
  ...vmCallArgs,
  ...containerCallArgs,
  ...containerFileCallArgs,
  ...imageCallArgs,
  ...imageLayerCallArgs,
  ...imageHistoryCallArgs,
  ...imageBuildCallArgs,
  ...imageCommitCallArgs,
  ...imageSharingCallArgs,
  ...networkCallArgs,
  ...networkActionCallArgs,
  ...volumeCallArgs,
  ...volumeFileCallArgs,
  ...volumeActionCallArgs,
  ...transferCallArgs,
  ...processCallArgs,
  ...sampleCallArgs,
  ...portCallArgs,
  ...previewCallArgs,
  ...keptOutputCallArgs,
  ...registryCallArgs,
  ...composeCallArgs,
  ...diskCallArgs,
  ...settingsCallArgs,
  ...swarmCallArgs,
};

export const streamArgs: { [K in StreamChannel]: z.ZodType<StreamArgs<K>> } = {
  ...engineStreamArgs,
  ...vmStreamArgs,
  ...containerStreamArgs,
  ...imageStreamArgs,
  ...imageLayerStreamArgs,
  ...imageBuildStreamArgs,
  ...imageSharingStreamArgs,
  ...terminalStreamArgs,
  ...containerLogStreamArgs,
  ...transferProgressStreamArgs,
  ...composeStreamArgs,
  ...eventStreamArgs,
  ...swarmStreamArgs,
};

/** A handler per call; a service implements these, and the dispatcher runs them. */
export type CallHandlers = {
  [K in CallChannel]: (...args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>;
};

export function isCallChannel(name: string): name is CallChannel {
  return Object.hasOwn(callArgs, name);
}

export function isStreamChannel(name: string): name is StreamChannel {
  return Object.hasOwn(streamArgs, name);
}
