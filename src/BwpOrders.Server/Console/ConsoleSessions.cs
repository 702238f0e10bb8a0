using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BwpOrders.Server.Auth;

namespace BwpOrders.Server.Console;

/// <summary>
/// A signed-in console user: who they act as (the credential's target and scopes, never its token or secret) and the
/// token every form they post must carry (CSRF), and what the next page says once (after a button).
/// </summary>
public sealed class ConsoleSession(string id, string csrfToken, Caller caller, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string CsrfToken { get; } = csrfToken;
    public Caller Caller { get; } = caller;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset LastSeenAt { get; set; } = createdAt;
    /// <summary>The server is a sandbox: its pages offer BwP's buttons (a production server's would only refuse them).</summary>
    public bool Sandbox { get; init; }

    /// <summary>The notice, once: a page shows it and forgets it.</summary>
    public string? TakeNotice() => Interlocked.Exchange(ref _notice, null);
    private string? _notice;
    public void Tell(string notice) => _notice = notice;

    /// <summary>A form's token compared in constant time, so its timing tells nothing about the session's.</summary>
    public bool Carries(string? csrfToken) => csrfToken is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(csrfToken), Encoding.UTF8.GetBytes(CsrfToken));
}

/// <summary>
/// The console's sessions, in this process's memory (a restart signs everyone out; each server process has its own).
/// A session ends an hour after its last request or eight hours after sign-in; past <see cref="MaxSessions"/> the
/// least recently used one ends first, so sign-ins cannot fill the memory.
/// </summary>
public sealed class ConsoleSessions(TimeProvider clock)
{
    public const string CookieName = "bwp_console";
    public const int MaxSessions = 1000;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);

    public ConsoleSession Start(Caller caller, bool sandbox)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        var session = new ConsoleSession(RandomToken(), RandomToken(), caller, now) { Sandbox = sandbox };
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session the request's cookie names, its idle time restarted; null when none.</summary>
    public ConsoleSession? Find(HttpRequest request)
    {
        if (request.Cookies[CookieName] is not { Length: > 0 and <= 100 } id || !_sessions.TryGetValue(id, out var session)) return null;
        var now = clock.GetUtcNow();
        if (Expired(session, now))
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        session.LastSeenAt = now;
        return session;
    }

    public void End(ConsoleSession session) => _sessions.TryRemove(session.Id, out _);

    public int Count => _sessions.Count;

    private bool Expired(ConsoleSession session, DateTimeOffset now) =>
        now - session.LastSeenAt >= IdleTimeout || now - session.CreatedAt >= AbsoluteTimeout;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, session) in _sessions)
            if (Expired(session, now)) _sessions.TryRemove(id, out _);
        while (_sessions.Count >= MaxSessions && _sessions.Values.MinBy(s => s.LastSeenAt) is { } oldest)
            _sessions.TryRemove(oldest.Id, out _);
    }

    /// <summary>32 random bytes, base64url: a session id or a CSRF token.</summary>
    private static string RandomToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
