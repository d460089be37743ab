// The zeren policy extension: runs `zeren lsp` (the binary named by the `zeren.path` setting) as
// the language server of .policy files, over stdio.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  // The server is started again with the new binary when the setting changes.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("zeren.path")) {
        await deactivate();
        await start();
      }
    }),
  );
  return start();
}

async function start() {
  const command = vscode.workspace.getConfiguration("zeren").get("path") || "zeren";
  // Over stdio, with no `transport` set: TransportKind.stdio would add `--stdio` to the arguments.
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = { documentSelector: [{ language: "zeren-policy" }] };
  client = new LanguageClient("zeren", "zeren policy", serverOptions, clientOptions);
  try {
    await client.start();
  } catch {
    // The client has logged why in its output channel ("zeren policy").
    vscode.window.showErrorMessage(
      `zeren: could not start \`${command} lsp\`. ` +
        "Install zeren (`cargo install --path .` in its repository) or set `zeren.path`.",
    );
  }
}

async function deactivate() {
  if (!client) return;
  const running = client;
  client = undefined;
  try {
    await running.stop();
  } catch {
    // It never started: nothing to stop.
  }
}

module.exports = { activate, deactivate };
