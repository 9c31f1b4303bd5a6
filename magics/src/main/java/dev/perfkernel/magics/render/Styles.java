package dev.perfkernel.magics.render;

/**
 * The one stylesheet of perfkernel's HTML outputs, emitted inline with each output so it survives
 * nbconvert and notebook viewers. Every rule is under {@code .pk} so it cannot restyle the page.
 * Colours come from JupyterLab's theme variables with neutral fallbacks; status colours are
 * translucent tints over the inherited text colour, so they read on light and dark themes alike.
 */
public final class Styles {

    private Styles() {}

    public static final String CSS = String.join("",
            ".pk{font-family:var(--jp-content-font-family,system-ui,sans-serif);font-size:var(--jp-content-font-size1,13px);",
            "color:var(--jp-content-font-color1,inherit);margin:2px 0}",
            ".pk table.pk-table{border-collapse:collapse;margin:0;font-variant-numeric:tabular-nums;line-height:1.35}",
            ".pk .pk-table caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 4px}",
            ".pk .pk-table th,.pk .pk-table td{padding:3px 10px;border:none;",
            "border-bottom:1px solid var(--jp-border-color2,rgba(128,128,128,.3));white-space:nowrap;vertical-align:top}",
            ".pk .pk-table thead th{font-weight:600;border-bottom:1.5px solid var(--jp-border-color1,rgba(128,128,128,.6))}",
            ".pk .pk-table tbody tr:hover{background:var(--jp-layout-color2,rgba(128,128,128,.08))}",
            ".pk .pk-l{text-align:left}.pk .pk-r{text-align:right}.pk .pk-c{text-align:center}",
            ".pk .pk-table th[title],.pk .pk-table td[title]{cursor:help}",
            ".pk .pass,.pk .better{background:rgba(46,160,67,.18)}",
            ".pk .fail,.pk .worse{background:rgba(218,54,51,.18)}",
            ".pk .warn{background:rgba(210,153,34,.22)}",
            ".pk .muted{opacity:.6}",
            ".pk .pk-foot{opacity:.75;font-size:90%;margin-top:3px}",
            ".pk .pk-warnings{border-left:4px solid rgb(210,153,34);background:rgba(210,153,34,.12);padding:4px 10px;margin:4px 0}",
            ".pk .pk-warnings ul{margin:2px 0;padding-left:18px}",
            ".pk details>summary{cursor:pointer;font-weight:600;padding:2px 0}",
            ".pk pre{font-family:var(--jp-code-font-family,monospace);font-size:var(--jp-code-font-size,12px);margin:2px 0}");

    /** The stylesheet as a {@code <style>} element. */
    public static String styleElement() {
        return "<style>" + CSS + "</style>";
    }
}
