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
/// credential for a target of its own (<see cref="StartAsync"/>); or a fresh target of a server running elsewhere, the
/// single-file binary or the container (<see cref="ConnectAsync"/>). Everything it offers goes over HTTP to that
/// server, as merchant code would.
/// <code>
/// await using var bwp = await BwpSandbox.StartAsync();
/// var order = await bwp.GraphQLAsync("mutation { createOrder(input: { ... }) { order { id } } }");
/// await bwp.AdvanceClockAsync(TimeSpan.FromDays(3));   // BwP's side ships and delivers
/// </code>
/// </summary>
public sealed class BwpSandbox : IAsyncDisposable
{
    private readonly RunningBwpOrders? _server;
    private readonly DirectoryInfo? _temporaryFolder;
    private readonly string? _version;
    private readonly SandboxTokens _tokens;

    private BwpSandbox(RunningBwpOrders server, DirectoryInfo? temporaryFolder, string? version)
        : this(server.BaseAddress, Made(server.SandboxCredential!), version, server.Services.GetRequiredService<CredentialService>())
    {
        _server = server;
        _temporaryFolder = temporaryFolder;
    }

    private BwpSandbox(Uri url, BwpCredential credential, string? version, CredentialService? credentials)
    {
        _version = version;
        Url = url;
        Credential = credential;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        _tokens = new SandboxTokens(Http, Credential, credentials);
        Control = new BwpControl(Http, _tokens);
    }

    private static BwpCredential Made(ApiCredential made) => new(made.ClientId, made.ClientSecret, made.TargetId, made.Scopes);

    /// <summary>
    /// A fresh target of a server already running at <paramref name="url"/> (<c>bwp-orders serve</c>, the container):
    /// any credential of that server asks <c>POST /control/v1/targets</c> for a target of this sandbox's own, with an
    /// all-scopes credential. Disposing it leaves the server running. Tokens for fewer scopes need the in-process server.
    /// </summary>
    public static async Task<BwpSandbox> ConnectAsync(Uri url, string clientId, string clientSecret, string? version = null, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var asking = new SandboxTokens(http, new BwpCredential(clientId, clientSecret, "", []), null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "control/v1/targets");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await asking.GetAsync([]));
        using var response = await http.SendAsync(request, ct);
        var made = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"POST /control/v1/targets answered {(int)response.StatusCode}: {made}", null, response.StatusCode);
        var credential = new BwpCredential(made.GetProperty("clientId").GetString()!, made.GetProperty("clientSecret").GetString()!,
            made.GetProperty("targetId").GetString()!, made.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToList());
        return new BwpSandbox(url, credential, version, null);
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
    public Uri Url { get; }

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

    /// <summary>Stops the server, closes its port, and deletes the temporary store it made (a connected sandbox only lets go of its client).</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_temporaryFolder is { Exists: true }) _temporaryFolder.Delete(recursive: true);
    }

    private static void Log(ILoggingBuilder logging, ILoggerFactory? factory)
    {
        if (factory is not null) logging.AddProvider(new ForwardingLoggerProvider(factory));
    }
}
