"""The language server in a real editor: headless Neovim (Debian's package, 0.7) runs the
README's snippet, opens an article and reads the diagnostics and a hover back."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim is not installed")

ARTICLE = (
    "Le maire démissionne\n\n"
    "« Nous tiendrons jusqu'au bout », a déclaré Anne Dupont, la maire de Brest, lundi soir.\n\n"
    "Selon certains élus, le maire de Quimper aurait démissionné lundi soir.\n"
)

DRIVER = """
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local found = vim.wait(180000, function() return #vim.diagnostic.get(0) > 0 end, 100)
  local result = { waited = found, version = vim.version(), diagnostics = {} }
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, message = d.message, source = d.source,
      code = d.code or lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(),
    position = { line = 4, character = 8 },
  }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 10000) or {}
  for _, response in pairs(responses) do
    if response.result then result.hover = response.result.contents.value end
  end
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("ANALYZER_TEST_OUT"))
  vim.cmd("qa!")
end })
"""


def _readme_snippet() -> str:
    """The README's Lua block for Neovim 0.7 to 0.10, as a reader would paste it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Neovim 0.7 to 0.10**") :]
    return re.search(r"```lua\n(.*?)```", section, re.DOTALL).group(1)


def test_neovim_shows_diagnostics_and_hover(tmp_path: Path):
    article = tmp_path / "brouillon.md"
    article.write_text(ARTICLE, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text('vim.cmd("filetype on")\n' + _readme_snippet() + DRIVER, encoding="utf-8")
    out = tmp_path / "result.json"
    scripts = str(Path(sys.executable).parent)  # where the `analyzer` command is installed
    env = {
        **os.environ,
        "PATH": scripts + os.pathsep + os.environ.get("PATH", ""),
        "ANALYZER_TEST_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log goes there
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    subprocess.run(
        [NVIM, "--headless", "--noplugin", "-i", "NONE", "-u", str(init), str(article)],
        cwd=tmp_path,
        env=env,
        timeout=300,
        capture_output=True,
        check=False,
    )
    assert out.exists(), "Neovim did not write its result"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["waited"], "no diagnostics within 180 s"
    by_code = {d["code"]: d for d in result["diagnostics"]}
    vague = by_code["vague-source"]
    assert (vague["lnum"], vague["col"]) == (4, 6) and vague["source"] == "analyzer"
    assert vague["href"].endswith("/docs/rules/vague-source.md")
    assert "**vague-source**" in result["hover"]
