using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Hosting;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1</c> for test suites, sandbox only: empty the caller's target (<c>POST /reset</c>), save and put back
/// its state (<c>/snapshots</c>), and make a fresh target with an all-scopes credential (<c>POST /targets</c>). A
/// production server answers each with 403 SandboxOnly, before reading the request.
/// </summary>
public static class TestingApi
{
    public const string NewTargetsPolicy = "new-targets";
    private const int MaxNameLength = 200;

    public static void Map(RouteGroupBuilder control, bool production, ControlSettings settings)
    {
        control.MapPost("/reset", (HttpContext http, AccessGuard guard, ITargetStateStore states, Faults.FaultRules faults) => Sandbox(http, production, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "resetting the target");
            await ResetAsync(states, faults, target, http.RequestAborted);
            return null;
        }));

        control.MapPost("/snapshots", (HttpContext http, AccessGuard guard, ITargetStateStore states, TimeProvider clock) => Sandbox(http, production, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "taking a snapshot");
            var snapshot = new TargetSnapshot("snap-" + Ids.NewItemId(), target, await ReadNameAsync(http.Request), Timestamps.Format(clock.GetUtcNow()));
            await states.SnapshotAsync(snapshot, http.RequestAborted);
            return View(snapshot);
        }));

        control.MapGet("/snapshots", (HttpContext http, AccessGuard guard, ITargetStateStore states) => Sandbox(http, production, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "listing snapshots");
            return new { snapshots = (await states.ListSnapshotsAsync(target, http.RequestAborted)).Select(View) };
        }));

        control.MapPost("/snapshots/{id}/restore", (HttpContext http, string id, AccessGuard guard, ITargetStateStore states) => Sandbox(http, production, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "restoring a snapshot");
            if (!await states.RestoreAsync(target, id, http.RequestAborted)) throw NoSnapshot(id);
            return null;
        }));

        control.MapDelete("/snapshots/{id}", (HttpContext http, string id, AccessGuard guard, ITargetStateStore states) => Sandbox(http, production, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "deleting a snapshot");
            if (!await states.DeleteSnapshotAsync(target, id, http.RequestAborted)) throw NoSnapshot(id);
            return null;
        }));

        // Any valid token may ask (no target header: the new target is not the caller's); limited per credential.
        control.MapPost("/targets", (HttpContext http, AccessGuard guard, CredentialService credentials) => Sandbox(http, production, async () =>
        {
            await guard.AuthenticateAsync(http);
            if (!settings.NewTargets)
                throw new RequestRejected(403, ErrorKind.AccessDenied, "NewTargetsDisabled", "This server makes no new targets over HTTP (Control:NewTargets is false).");
            var issued = await credentials.CreateTestTargetAsync(http.RequestAborted);
            return new { targetId = issued.Credential.TargetId, clientId = issued.Credential.ClientId, clientSecret = issued.ClientSecret, scopes = issued.Credential.Scopes };
        })).RequireRateLimiting(NewTargetsPolicy);
    }

    /// <summary>Empties the target; the console's Reset button does the same.</summary>
    public static async Task ResetAsync(ITargetStateStore states, Faults.FaultRules faults, string target, CancellationToken ct)
    {
        await states.ResetAsync(target, ct);
        faults.Clear(target); // test-time settings in memory, not saved in snapshots: a reset starts without them, a restore keeps them
    }

    private static object View(TargetSnapshot s) => new { snapshotId = s.SnapshotId, s.Name, s.CreatedAt };

    private static BwpException NoSnapshot(string id) => BwpException.NotFound($"No snapshot '{GraphQL.GraphQLEndpoint.Truncate(id)}' in this target.");

    /// <summary>A test helper: refused on a production server, which must not let anyone wipe or rewind a target.</summary>
    private static Task Sandbox(HttpContext http, bool production, Func<Task<object?>> operation) =>
        ControlApi.Handle(http, () => production
            ? throw SandboxOnly.Refusal("Reset, snapshots and new targets")
            : operation());

    /// <summary>An optional body <c>{"name": "..."}</c> (at most 200 characters) to tell snapshots apart.</summary>
    private static async Task<string?> ReadNameAsync(HttpRequest request)
    {
        var text = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (!body.RootElement.TryGetProperty("name", out var name) || name.ValueKind == JsonValueKind.Null) return null;
                if (name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 and <= MaxNameLength } given) return given;
            }
        }
        catch (JsonException) { }
        throw new RequestRejected(400, ErrorKind.Validation, ErrorCodes.InvalidInput, $"Send no body, or {{\"name\": \"...\"}} with 1 to {MaxNameLength} characters.");
    }
}
