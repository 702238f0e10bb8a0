using System.Text.RegularExpressions;

namespace BwpOrders.Testcontainers;

/// <summary>An API credential for one target: exchange it at <c>/token</c> (client credentials) for a bearer token.</summary>
public sealed record SandboxCredential(string TargetId, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes)
{
    /// <summary>The last line of the credential block <c>serve</c> prints: once logged, the block is complete.</summary>
    internal const string LastLine = @"(?m)^\s+scopes:\s+\S";

    /// <summary>The last credential block in the server's output (a restarted container prints none of its own).</summary>
    public static SandboxCredential Parse(string output)
    {
        string Field(string name) =>
            Regex.Matches(output, $@"(?m)^\s+{name}:\s+(.+?)\s*$") is { Count: > 0 } found
                ? found[^1].Groups[1].Value
                : throw new InvalidOperationException($"no sandbox credential ({name}) in the server's output:\n{output}");
        return new SandboxCredential(Field("target id"), Field("client id"), Field("client secret"),
            Field("scopes").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
