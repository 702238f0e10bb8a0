using System.Buffers;
using BwpOrders.Domain;
using GraphQL;

namespace BwpOrders.Server.GraphQL;

/// <summary>Writes a GraphQL result, or a single error in BwP's shape, with the negotiated media type.</summary>
public static class BwpResponses
{
    public static async Task WriteAsync(HttpContext http, int status, ExecutionResult result, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseMediaType.For(http.Request);
        var body = new ArrayBufferWriter<byte>(2048);
        http.RequestServices.GetRequiredService<BwpJsonSerializer>().Write(body, result);
        http.Response.ContentLength = body.WrittenCount;
        if (http.Items.ContainsKey(KeepBody)) http.Items[KeepBody] = System.Text.Encoding.UTF8.GetString(body.WrittenSpan);
        await http.Response.Body.WriteAsync(body.WrittenMemory, ct);
    }

    /// <summary>An item a request sets to have its answer's body kept there as text (the journal's full capture).</summary>
    public const string KeepBody = "bwp.keep-response-body";

    public static Task WriteErrorAsync(HttpContext http, int status, ErrorKind kind, string? code, string message, CancellationToken ct) =>
        WriteAsync(http, status, new ExecutionResult { Errors = [new BwpExecutionError(kind, code, message)] }, ct);
}
