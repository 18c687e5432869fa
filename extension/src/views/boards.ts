// The Boards view: the board catalog (board/list) — core, MCU, memory, debug probe and the QEMU
// stand-in of each board. A row's button tests a library on that board (target/test).
import * as vscode from 'vscode';

import type { Ctx } from '../ctx';
import { errorText } from '../model/errors';
import { formatBytes } from '../model/format';
import * as proto from '../protocol.generated';
import { MessageItem, RefreshableTree } from './tree';

export class BoardItem extends vscode.TreeItem {
    constructor(readonly board: proto.Board) {
        super(board.name, vscode.TreeItemCollapsibleState.None);
        this.description = `${board.core} · ${board.mcu}`;
        this.iconPath = new vscode.ThemeIcon(board.kind === 'qemu' ? 'vm' : 'circuit-board');
        this.contextValue = `board ${board.kind}`;
        const lines = [
            `${board.name} (${board.id})`,
            `${board.mcu}, ${board.core}${board.fpu ? ` with ${board.fpu} FPU` : ''}, ${String(board.clock_hz / 1e6)} MHz`,
            `flash ${formatBytes(board.flash.size)} at 0x${board.flash.address.toString(16)}, RAM ${formatBytes(board.ram.size)} at 0x${board.ram.address.toString(16)}`,
            board.debug_probe ? `probe: ${board.debug_probe}` : 'no debug probe',
            `QEMU stand-in: ${board.qemu.machine}${board.qemu.cpu ? ` (${board.qemu.cpu})` : ''}`,
        ];
        if (board.notes) lines.push(board.notes);
        this.tooltip = lines.join('\n');
    }
}

export class BoardsView extends RefreshableTree {
    private boards: proto.Board[] | undefined;
    private problem: string | undefined;
    private readonly subscription: vscode.Disposable;

    constructor(private readonly ctx: Ctx) {
        super();
        this.subscription = ctx.onDidChangeState(() => {
            this.boards = undefined;
            this.refresh();
        });
    }

    override refresh(): void {
        this.boards = undefined;
        super.refresh();
    }

    async getChildren(item?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
        if (item) return [];
        const client = this.ctx.client;
        if (!client) return [new MessageItem('Waiting for the Vigil daemon…', 'loading~spin')];
        if (!this.boards) {
            try {
                this.boards = (await client.request0(proto.boardList)).boards;
                this.problem = undefined;
            } catch (e) {
                this.problem = errorText(e);
                this.boards = [];
            }
        }
        if (this.problem) return [new MessageItem(this.problem, 'error')];
        if (!this.boards.length) return [new MessageItem('The board catalog is empty')];
        return this.boards.map((b) => new BoardItem(b));
    }

    override dispose(): void {
        super.dispose();
        this.subscription.dispose();
    }
}
