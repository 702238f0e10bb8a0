namespace BwpOrders.Server.Hosting;

/// <summary>
/// What one GraphQL request came to, for metrics and logs: only what the server chose or checked (a version it
/// serves, root fields that passed validation, error codes), never values the caller sent.
/// </summary>
/// <param name="Version">The API version served; null when the request was refused before one was picked.</param>
/// <param name="OperationType">query or mutation; null when no operation was selected.</param>
/// <param name="OperationName">The selected operation's name, as the caller wrote it: for spans, never a metric label.</param>
/// <param name="RootFields">The root fields of a validated operation; empty when it did not validate.</param>
/// <param name="Errors">Each error's code and response path (field names and list indexes, never arguments).</param>
public sealed record OperationOutcome(string? Version, string? OperationType, string? OperationName, IReadOnlyList<string> RootFields,
    IReadOnlyList<(string Code, string Path)> Errors, int Status, TimeSpan Elapsed)
{
    /// <summary>ok; error (GraphQL errors from a validated operation); refused (before anything executed).</summary>
    public string Result => Errors.Count == 0 ? "ok" : RootFields.Count == 0 ? "refused" : "error";
}
