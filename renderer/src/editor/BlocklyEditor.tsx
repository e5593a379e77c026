/**
 * The Blockly workspace as a React component. Blockly owns its DOM; React only hands it a div and talks to it
 * through the imperative `EditorHandle`. Injected once per mount; kit, language and theme changes are applied to
 * the live workspace (toolbox swapped, blocks re-created in the new language with their ids kept).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import * as Blockly from 'blockly';
import { KeyboardNavigation } from '@blockly/keyboard-navigation';
import { WorkspaceSearch } from '@blockly/plugin-workspace-search';
import { ZoomToFitControl } from '@blockly/zoom-to-fit';
import { Backpack } from '@blockly/workspace-backpack';
import { toolboxFor } from '../../../core/program';
import type { TargetKit } from '../../../core/program/ir';
import type { Language } from '../../../core/i18n';
import { applyBlocklyLanguage, registerBlocksOnce, themeFor, type ThemeName } from './blockly-setup';

/** Blockly's JSON serialisation of a workspace (`Blockly.serialization.workspaces.save`). */
export type WorkspaceJson = Record<string, unknown>;

/** A message to show on one block (runtime error or diagnostic), already in the current language. */
export interface BlockMessage {
  readonly blockId: string;
  readonly text: string;
}

export interface EditorHandle {
  save(): WorkspaceJson;
  /** Replaces the workspace content; clears the undo stack (loading is not an edit). */
  load(json: WorkspaceJson): void;
  undo(): void;
  redo(): void;
  /** Highlights exactly these blocks (running blocks); an empty list clears the highlight. */
  highlight(blockIds: readonly string[]): void;
  /** Shows each message as the block's warning bubble; replaces earlier messages. */
  showMessages(messages: readonly BlockMessage[]): void;
  zoomToFit(): void;
  workspace(): Blockly.WorkspaceSvg | null;
}

export interface BlocklyEditorProps {
  kit: TargetKit;
  language: Language;
  theme: ThemeName;
  /** Only these block types in the toolbox (a lesson step's subset); absent or null: the kit's full toolbox. */
  toolboxBlocks?: readonly string[] | null;
  /** Called after every change that alters the program (not UI-only events), with the new workspace JSON. */
  onChange?: (json: WorkspaceJson) => void;
  /** Called once the workspace is injected and interactive. */
  onReady?: () => void;
}

let stylesRegistered = false;

export const BlocklyEditor = forwardRef<EditorHandle, BlocklyEditorProps>(function BlocklyEditor(props, ref) {
  const hostRef = useRef<HTMLDivElement>(null);
  const wsRef = useRef<Blockly.WorkspaceSvg | null>(null);
  const messagesRef = useRef<string[]>([]);
  const propsRef = useRef(props);
  propsRef.current = props;
  const appliedRef = useRef({ kit: props.kit, language: props.language, theme: props.theme, toolbox: props.toolboxBlocks ?? null });
  const toolbox = (kit: TargetKit, blocks: readonly string[] | null | undefined) =>
    toolboxFor(kit, blocks ? { blockTypes: blocks } : {}) as Blockly.utils.toolbox.ToolboxDefinition;

  useImperativeHandle(ref, (): EditorHandle => ({
    save: () => (wsRef.current ? (Blockly.serialization.workspaces.save(wsRef.current) as WorkspaceJson) : {}),
    load: (json) => {
      const ws = wsRef.current;
      if (!ws) return;
      loadInto(ws, json);
    },
    undo: () => wsRef.current?.undo(false),
    redo: () => wsRef.current?.undo(true),
    highlight: (ids) => {
      const ws = wsRef.current;
      if (!ws) return;
      ws.highlightBlock(null);
      for (const id of ids) if (ws.getBlockById(id)) ws.highlightBlock(id, true);
    },
    showMessages: (messages) => {
      const ws = wsRef.current;
      if (!ws) return;
      for (const id of messagesRef.current) (ws.getBlockById(id) as Blockly.BlockSvg | null)?.setWarningText(null);
      messagesRef.current = [];
      for (const m of messages) {
        const block = ws.getBlockById(m.blockId) as Blockly.BlockSvg | null;
        if (!block) continue;
        block.setWarningText(m.text);
        messagesRef.current.push(m.blockId);
      }
    },
    zoomToFit: () => wsRef.current?.zoomToFit(),
    workspace: () => wsRef.current,
  }));

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const { kit, language, theme, toolboxBlocks } = propsRef.current;
    registerBlocksOnce();
    applyBlocklyLanguage(language);
    if (!stylesRegistered) {
      // The keyboard-navigation plugin's CSS and flyout cursor (its deferring toolbox recurses forever with the
      // default toolbox in Blockly 12.5, so it is not registered); global registrations, once, before inject.
      KeyboardNavigation.registerKeyboardNavigationStyles();
      KeyboardNavigation.registerFlyoutCursor();
      stylesRegistered = true;
    }
    performance.mark('ailab:inject-start');
    const ws = Blockly.inject(host, {
      toolbox: toolbox(kit, toolboxBlocks),
      theme: themeFor(theme),
      renderer: 'geras',
      trashcan: true,
      sounds: false,
      media: './blockly-media/',
      move: { scrollbars: true, drag: true, wheel: false },
      zoom: { controls: true, wheel: true, startScale: 0.9, maxScale: 3, minScale: 0.3, scaleSpeed: 1.2, pinch: true },
      grid: { spacing: 24, length: 3, colour: '#d8dee6', snap: true },
    });
    performance.mark('ailab:injected');
    wsRef.current = ws;
    appliedRef.current = { kit, language, theme, toolbox: toolboxBlocks ?? null };
    const keyboardNav = new KeyboardNavigation(ws);
    const search = new WorkspaceSearch(ws);
    search.init();
    const zoomToFit = new ZoomToFitControl(ws);
    zoomToFit.init();
    const backpack = new Backpack(ws);
    backpack.init();

    const listener = (event: Blockly.Events.Abstract) => {
      if (event.isUiEvent) return;
      propsRef.current.onChange?.(Blockly.serialization.workspaces.save(ws) as WorkspaceJson);
    };
    ws.addChangeListener(listener);
    performance.mark('ailab:plugins');
    propsRef.current.onReady?.();

    return () => {
      ws.removeChangeListener(listener);
      keyboardNav.dispose();
      backpack.dispose();
      search.dispose();
      zoomToFit.dispose();
      ws.dispose();
      wsRef.current = null;
    };
  }, []);

  // Kit, language or theme changed: keep the blocks, rebuild what depends on the change.
  useEffect(() => {
    const ws = wsRef.current;
    if (!ws) return;
    const applied = appliedRef.current;
    if (applied.theme !== props.theme) ws.setTheme(themeFor(props.theme));
    if (applied.language !== props.language) {
      const json = Blockly.serialization.workspaces.save(ws) as WorkspaceJson;
      applyBlocklyLanguage(props.language);
      ws.updateToolbox(toolbox(props.kit, props.toolboxBlocks));
      // Re-create the blocks so their labels are in the new language; ids are kept, so is the undo-free state.
      loadInto(ws, json);
    } else if (applied.kit !== props.kit || toolboxKey(applied.toolbox) !== toolboxKey(props.toolboxBlocks)) {
      ws.updateToolbox(toolbox(props.kit, props.toolboxBlocks));
    }
    appliedRef.current = { kit: props.kit, language: props.language, theme: props.theme, toolbox: props.toolboxBlocks ?? null };
  }, [props.kit, props.language, props.theme, props.toolboxBlocks]);

  return <div ref={hostRef} className="blockly-host" data-testid="blockly" />;
});

/** Compares toolbox subsets by content: a new array with the same blocks does not rebuild the toolbox. */
function toolboxKey(blocks: readonly string[] | null | undefined): string {
  return blocks ? blocks.join(',') : '*';
}

function loadInto(ws: Blockly.WorkspaceSvg, json: WorkspaceJson): void {
  Blockly.Events.disable();
  try {
    ws.clear();
    if (json && Object.keys(json).length > 0) Blockly.serialization.workspaces.load(json, ws, { recordUndo: false });
  } finally {
    Blockly.Events.enable();
  }
  ws.clearUndo();
}
