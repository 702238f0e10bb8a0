using BwpOrders.Domain.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BwpOrders.Server.Hosting;

/// <summary>A credential as a client uses it. Its secret exists only here: the store keeps a hash.</summary>
public sealed record ApiCredential(string ClientId, string ClientSecret, string TargetId, IReadOnlyList<string> Scopes)
{
    public static ApiCredential From(IssuedCredential issued) =>
        new(issued.Credential.ClientId, issued.ClientSecret, issued.Credential.TargetId, issued.Credential.Scopes);
}

/// <summary>
/// The public entry point: starts a BwP Order API server in this process and hands it back running, with its address
/// and, on a sandbox, a credential. <c>serve</c> is this plus printing; test hosts and other executables start it the same way.
/// <code>
/// await using var bwp = await BwpOrdersHost.StartAsync(new BwpOrdersOptions { Storage = "sqlite:/tmp/bwp.db" });
/// // bwp.BaseAddress: http://127.0.0.1:PORT/ ; bwp.SandboxCredential: client id, secret, target id
/// </code>
/// </summary>
public static class BwpOrdersHost
{
    public static async Task<RunningBwpOrders> StartAsync(BwpOrdersOptions options, CancellationToken ct = default)
    {
        if (options.Production && options.SandboxCredential == SandboxCredentialPolicy.Always)
            throw new ArgumentException("A production server makes no sandbox credential: create one with credentials create.");
        var app = await BwpServer.BuildAsync(options);
        try
        {
            var credential = options.Production ? null : await SandboxCredentialAsync(app.Services, options.SandboxCredential, ct);
            await app.StartAsync(ct);
            return new RunningBwpOrders(app, credential);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<ApiCredential?> SandboxCredentialAsync(IServiceProvider services, SandboxCredentialPolicy policy, CancellationToken ct)
    {
        if (policy == SandboxCredentialPolicy.Never) return null;
        if (policy == SandboxCredentialPolicy.WhenStoreHasNone && (await services.GetRequiredService<ICredentialStore>().ListAsync(ct)).Count > 0) return null;
        var target = "bp-sandbox-" + Guid.NewGuid().ToString("N")[..12];
        return ApiCredential.From(await services.GetRequiredService<CredentialService>().CreateAsync(target, Scopes.Orders, ct));
    }
}

/// <summary>A started server: where to reach it, the sandbox credential it made, its services, and how to stop it.</summary>
public sealed class RunningBwpOrders : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Task? _stopping;

    internal RunningBwpOrders(WebApplication app, ApiCredential? sandboxCredential)
    {
        _app = app;
        SandboxCredential = sandboxCredential;
        Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];
        BaseAddress = new Uri(Dialable(Addresses[0]));
    }

    /// <summary>The first address it listens on, as a client dials it: the port it picked for port 0, and 127.0.0.1 for a wildcard host.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every address it listens on, as the server reports them.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The credential made at start (see <see cref="SandboxCredentialPolicy"/>); null if none was.</summary>
    public ApiCredential? SandboxCredential { get; }

    /// <summary>The server's services: its stores, <see cref="CredentialService"/>, the clock.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Completes once the server was asked to stop (SIGTERM, Ctrl+C, <see cref="StopAsync"/>, or <paramref name="ct"/>) and has stopped.</summary>
    public async Task WaitForShutdownAsync(CancellationToken ct = default)
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => asked.TrySetResult()))
        using (ct.Register(() => asked.TrySetResult()))
            await asked.Task;
        await StopAsync();
    }

    /// <summary>Stops listening and lets requests in flight and the background workers finish; once, however often it is called.</summary>
    public Task StopAsync() => _stopping ??= _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static string Dialable(string address) =>
        address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("*", "127.0.0.1");
}
