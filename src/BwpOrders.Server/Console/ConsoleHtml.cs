using System.Globalization;
using System.Net;
using System.Text;

namespace BwpOrders.Server.Console;

/// <summary>
/// The console's HTML, written by hand: every value goes through <see cref="E"/> (HTML-encoded), and markup is only
/// ever the literal text of this folder. One layout for every page, one helper per repeated piece (a form, a table).
/// </summary>
public static class ConsoleHtml
{
    /// <summary>HTML-encodes a value for text or a double-quoted attribute.</summary>
    public static string E(object? value) => WebUtility.HtmlEncode(value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    }) ?? "";

    /// <summary>A whole page: header (with the explorer link and, when signed in, who you are and Sign out), then <paramref name="main"/>.</summary>
    public static string Page(string title, string main, ConsoleSession? session, string? notice = null, string? error = null)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · BwpOrders console</title>
            <link rel="stylesheet" href="/console/console.css">
            </head>
            <body>
            <header class="site">
            <a class="brand" href="/console">BwpOrders console</a>
            <nav aria-label="Site">
            """);
        if (session is not null) html.Append("""<a href="/console/orders">Orders</a> <a href="/console/requests">Requests</a> <a href="/console/events">Events</a> """);
        if (session is { Sandbox: true }) html.Append("""<a href="/console/faults">Faults</a> """);
        html.Append("""<a href="/explorer">GraphQL explorer</a></nav>""");
        if (session is not null)
            html.Append($"""
                <p class="who">Target <strong>{E(session.Caller.TargetId)}</strong> as {E(session.Caller.ClientId)}</p>
                {Form("/console/sign-out", session, "", "Sign out")}
                """);
        html.Append("</header>\n<main>\n");
        html.Append($"<h1>{E(title)}</h1>\n");
        if (notice is not null) html.Append($"""<p class="notice" role="status">{E(notice)}</p>""");
        if (error is not null) html.Append($"""<p class="error" role="alert">{E(error)}</p>""");
        html.Append(main);
        html.Append("\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A POST form carrying the session's CSRF token; <paramref name="fields"/> is markup made with these helpers.</summary>
    public static string Form(string action, ConsoleSession session, string fields, string button, string? css = null) => $"""
        <form method="post" action="{E(action)}"{(css is null ? "" : $" class=\"{E(css)}\"")}>
        <input type="hidden" name="{ConsolePages.CsrfField}" value="{E(session.CsrfToken)}">
        {fields}<button type="submit">{E(button)}</button>
        </form>
        """;

    public static string Hidden(string name, string value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""";

    /// <summary>A labelled input; ids are unique per page through <paramref name="id"/>.</summary>
    public static string Input(string id, string name, string label, string? value = null, string type = "text", string extra = "") => $"""
        <label for="{E(id)}">{E(label)}</label> <input id="{E(id)}" name="{E(name)}" type="{E(type)}" value="{E(value)}"{extra}>
        """;

    /// <summary>A labelled select with "any" (empty) first when <paramref name="any"/>.</summary>
    public static string Select(string id, string name, string label, IEnumerable<string> options, string? selected, bool any = true) =>
        Select(id, name, label, options.Select(o => (o, o)), selected, any);

    /// <summary>A labelled select whose options each send a value and show a text.</summary>
    public static string Select(string id, string name, string label, IEnumerable<(string Value, string Text)> options, string? selected, bool any = true)
    {
        var html = new StringBuilder($"""<label for="{E(id)}">{E(label)}</label> <select id="{E(id)}" name="{E(name)}">""");
        if (any) html.Append("""<option value="">any</option>""");
        foreach (var (value, text) in options)
            html.Append($"""<option value="{E(value)}"{(value == selected ? " selected" : "")}>{E(text)}</option>""");
        return html.Append("</select>").ToString();
    }

    /// <summary>A table with a caption and a header row; each row's cells are markup (encode values with <see cref="E"/>).</summary>
    public static string Table(string caption, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder($"<table>\n<caption>{E(caption)}</caption>\n<thead><tr>");
        foreach (var heading in headings) html.Append($"""<th scope="col">{E(heading)}</th>""");
        html.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            foreach (var cell in row) html.Append($"<td>{cell}</td>");
            html.Append("</tr>\n");
        }
        if (!any) html.Append($"""<tr><td colspan="{headings.Count}">None.</td></tr>""");
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    /// <summary>A definition list of label and already-encoded value pairs; empty values are left out.</summary>
    public static string Facts(IEnumerable<(string Label, string? Html)> facts)
    {
        var html = new StringBuilder("<dl class=\"facts\">");
        foreach (var (label, value) in facts.Where(f => !string.IsNullOrEmpty(f.Html)))
            html.Append($"<dt>{E(label)}</dt><dd>{value}</dd>");
        return html.Append("</dl>\n").ToString();
    }

    public static string Money(Domain.Model.Money? money) => money is null ? "" : E($"{money.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {money.CurrencyCode}");

    public static string Aliases(IEnumerable<Domain.Model.Alias> aliases) => string.Join(", ", aliases.Select(a => $"{E(a.AliasId)} <span class=\"muted\">({E(a.AliasType)})</span>"));
}
