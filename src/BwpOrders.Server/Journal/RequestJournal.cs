using System.Collections.Concurrent;
using BwpOrders.Server.Hosting;

namespace BwpOrders.Server.Journal;

/// <summary>
/// The last GraphQL requests of each target, in this process's memory (like WireMock's request journal): what ran,
/// how it ended and how long it took, from the <see cref="OperationOutcome"/> the server already made, never a value
/// the caller sent, unless the target turned full capture on (sandbox only, for <see cref="JournalSettings.CaptureFor"/>).
/// Bounded three ways: requests per target, targets, and targets capturing at once.
/// </summary>
public sealed class RequestJournal(JournalSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TargetJournal> _targets = new();
    private long _sequence;

    /// <summary>Whether requests of the target are captured whole now (query, variables, response).</summary>
    public bool Captures(string target) => CaptureUntil(target) is not null;

    public void Record(string target, string requestId, OperationOutcome outcome, CapturedExchange? capture)
    {
        if (settings.Size == 0) return;
        var journal = JournalOf(target);
        journal.Add(new JournalEntry(
            Interlocked.Increment(ref _sequence), Domain.Timestamps.Format(time.GetUtcNow()), requestId, outcome.Version, outcome.OperationType, outcome.OperationName,
            outcome.RootFields, outcome.Result, outcome.Status, outcome.Errors.Select(e => new JournalError(e.Code, e.Path.Length == 0 ? null : e.Path)).ToList(),
            Math.Round(outcome.Elapsed.TotalMilliseconds, 2)) { Capture = capture is null ? null : Cut(capture) });
    }

    /// <summary>The target's entries newest first, older than <paramref name="before"/> (a sequence) when given, matching the filters.</summary>
    public IReadOnlyList<JournalEntry> List(string target, long? before, string? rootField, string? result, int first) =>
        _targets.TryGetValue(target, out var journal)
            ? journal.Newest().Where(e => (before is null || e.Sequence < before) && (rootField is null || e.RootFields.Contains(rootField)) && (result is null || e.Result == result))
                .Take(first).ToList()
            : [];

    /// <summary>Turns full capture on (until <see cref="JournalSettings.CaptureFor"/> from now) or off; null when too many targets capture already.</summary>
    public DateTimeOffset? SetCapture(string target, bool on, out bool refused)
    {
        refused = false;
        var journal = JournalOf(target);
        if (!on)
        {
            journal.CaptureUntil = 0;
            return null;
        }
        var now = time.GetUtcNow();
        lock (_targets) // one count-then-set at a time, so the bound holds
        {
            if (!Captures(target) && _targets.Values.Count(j => j.CaptureUntil > now.UtcTicks) >= settings.MaxCapturingTargets)
            {
                refused = true;
                return null;
            }
            var until = now + settings.CaptureFor;
            journal.CaptureUntil = until.UtcTicks;
            return until;
        }
    }

    /// <summary>Until when the target's requests are captured whole; null when they are not.</summary>
    public DateTimeOffset? CaptureUntil(string target) =>
        _targets.TryGetValue(target, out var journal) && journal.CaptureUntil is var ticks and > 0 && ticks > time.GetUtcNow().UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Forgets the target's requests (a reset or restore of the target, or DELETE on the journal).</summary>
    public void Forget(string target) => _targets.TryRemove(target, out _);

    /// <summary>
    /// The target's journal; a new one drops the journal written to longest ago when there are too many. Only then is
    /// the dictionary counted: counting takes all its locks, which every request would otherwise pay for.
    /// </summary>
    private TargetJournal JournalOf(string target)
    {
        if (_targets.TryGetValue(target, out var journal)) return journal;
        journal = _targets.GetOrAdd(target, _ => new TargetJournal(settings.Size, Interlocked.Read(ref _sequence)));
        if (_targets.Count > settings.MaxTargets)
        {
            var oldest = _targets.Where(t => t.Key != target).MinBy(t => t.Value.LastWritten);
            if (oldest.Key is not null) _targets.TryRemove(oldest.Key, out _);
        }
        return journal;
    }

    private CapturedExchange Cut(CapturedExchange capture) => new(Cut(capture.Query), Cut(capture.Variables), Cut(capture.Response));

    private string? Cut(string? text) => text is null || text.Length <= settings.CaptureChars ? text
        : $"{text[..settings.CaptureChars]}… [{text.Length - settings.CaptureChars} more characters not kept]";

    /// <summary>One target's ring of entries.</summary>
    /// <param name="created">The journal's sequence when it was made: it counts as written then, so a target that turned
    /// capture on before its first request is not the first dropped.</param>
    private sealed class TargetJournal(int size, long created)
    {
        private readonly JournalEntry?[] _ring = new JournalEntry?[size];
        private int _next;
        private long _captureUntil;

        public long LastWritten { get; private set; } = created;

        /// <summary>UTC ticks; 0 when off. A long read and written whole, so a reader never sees half of a change.</summary>
        public long CaptureUntil
        {
            get => Interlocked.Read(ref _captureUntil);
            set => Interlocked.Exchange(ref _captureUntil, value);
        }

        public void Add(JournalEntry entry)
        {
            lock (_ring)
            {
                _ring[_next] = entry;
                _next = (_next + 1) % _ring.Length;
                LastWritten = entry.Sequence;
            }
        }

        public List<JournalEntry> Newest()
        {
            lock (_ring)
            {
                var entries = new List<JournalEntry>(_ring.Length);
                for (var i = 1; i <= _ring.Length; i++)
                    if (_ring[(_next - i + _ring.Length) % _ring.Length] is { } entry) entries.Add(entry);
                return entries;
            }
        }
    }
}

/// <summary>One request as the journal shows it. <see cref="Result"/>: ok, error (GraphQL errors) or refused (before execution).</summary>
public sealed record JournalEntry(
    long Sequence, string At, string RequestId, string? Version, string? OperationType, string? OperationName, IReadOnlyList<string> RootFields,
    string Result, int Status, IReadOnlyList<JournalError> Errors, double LatencyMs)
{
    /// <summary>The request and response as sent, when the target had full capture on; otherwise null (redacted).</summary>
    public CapturedExchange? Capture { get; init; }
}

public sealed record JournalError(string Code, string? Path);

public sealed record CapturedExchange(string? Query, string? Variables, string? Response);
