using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BwpOrders.Testing;

/// <summary>
/// A BwpOrders server in the test's own process, on a free loopback port, with a throwaway store and a sandbox
/// credential for a target of its own. Everything it offers goes over HTTP to that server, as merchant code would.
/// <code>
/// await using var bwp = await BwpSandbox.StartAsync();
/// var order = await bwp.GraphQLAsync("mutation { createOrder(input: { ... }) { order { id } } }");
/// await bwp.AdvanceClockAsync(TimeSpan.FromDays(3));   // BwP's side ships and delivers
/// </code>
/// </summary>
public sealed class BwpSandbox : IAsyncDisposable
{
    private readonly RunningBwpOrders _server;
    private readonly DirectoryInfo? _temporaryFolder;
    private readonly string? _version;
    private readonly SandboxTokens _tokens;

    private BwpSandbox(RunningBwpOrders server, DirectoryInfo? temporaryFolder, string? version)
    {
        _server = server;
        _temporaryFolder = temporaryFolder;
        _version = version;
        var made = server.SandboxCredential!;
        Credential = new BwpCredential(made.ClientId, made.ClientSecret, made.TargetId, made.Scopes);
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _tokens = new SandboxTokens(Http, Credential, server.Services.GetRequiredService<CredentialService>());
        Control = new BwpControl(Http, _tokens);
    }

    /// <summary>Starts a server. Its settings come only from <paramref name="options"/>: never from the test process's environment or working directory.</summary>
    public static async Task<BwpSandbox> StartAsync(BwpSandboxOptions? options = null, CancellationToken ct = default)
    {
        options ??= new BwpSandboxOptions();
        var folder = options.Storage is null ? Directory.CreateTempSubdirectory("bwp-sandbox-") : null;
        try
        {
            var server = await BwpOrdersHost.StartAsync(new BwpOrdersOptions
            {
                Storage = options.Storage ?? "sqlite:" + Path.Combine(folder!.FullName, "bwp-orders.db"),
                SimulateFulfillment = options.SimulateFulfillment,
                SandboxCredential = SandboxCredentialPolicy.Always,
                Clock = options.StartTime is { } start ? new StartedAtClock(start) : null,
                Configuration = options.Configuration,
                Logging = logging => Log(logging, options.LoggerFactory),
                ReadProcessConfiguration = false,
            }, ct);
            return new BwpSandbox(server, folder, options.Version);
        }
        catch
        {
            folder?.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => _server.BaseAddress;

    /// <summary>The sandbox credential: client id and secret for <c>POST /token</c>, and its target (<c>x-api-target-id</c>), with both order scopes.</summary>
    public BwpCredential Credential { get; }

    /// <summary>A client on <see cref="Url"/> with no headers set, for requests of your own.</summary>
    public HttpClient Http { get; }

    /// <summary>The control API (<c>/control/v1</c>): the target's clock, order timelines, webhook deliveries, shopper returns.</summary>
    public BwpControl Control { get; }

    /// <summary>
    /// A bearer token from the real <c>POST /token</c>, reused until a minute before it expires: the sandbox credential's,
    /// or with <paramref name="scopes"/> (<c>"View Order Data"</c>, ...) one of a credential of the same target with only those.
    /// </summary>
    public Task<string> TokenAsync(params string[] scopes) => _tokens.GetAsync(scopes);

    /// <summary>Moves the target's clock forward and runs what falls due (shipments, deliveries, gradings); see <see cref="BwpControl.AdvanceClockAsync"/>.</summary>
    public Task<JsonElement> AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) => Control.AdvanceClockAsync(by, ct);

    /// <summary>
    /// Sends a GraphQL request with the sandbox's token, target and <paramref name="version"/> (default
    /// <see cref="BwpSandboxOptions.Version"/>) and returns the whole answer, <c>data</c> and <c>errors</c>, as BwP sends it.
    /// </summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null, string? version = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = JsonSerializer.SerializeToNode(variables) }),
        };
        if ((version ?? _version) is { } named) request.Headers.Add("x-api-version", named);
        await _tokens.AuthorizeAsync(request);
        using var response = await Http.SendAsync(request, ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>Stops the server, closes its port, and deletes the temporary store it made.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        if (_temporaryFolder is { Exists: true }) _temporaryFolder.Delete(recursive: true);
    }

    private static void Log(ILoggingBuilder logging, ILoggerFactory? factory)
    {
        if (factory is not null) logging.AddProvider(new ForwardingLoggerProvider(factory));
    }
}
