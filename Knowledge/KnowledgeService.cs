using System.Diagnostics;
using Communaute.Knowledge.Ai;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;
using Microsoft.Extensions.Logging;

namespace Communaute.Knowledge;

/// <summary>The base as loaded at one moment: what is served, and which files were refused.</summary>
public sealed class KnowledgeSnapshot(KnowledgeAnswerer answerer, IReadOnlyList<LoadProblem> problems)
{
    private readonly Lock _lock = new();
    private int _users;
    private bool _retired, _disposed;

    public KnowledgeAnswerer Answerer { get; } = answerer;
    public IReadOnlyList<LoadProblem> Problems { get; } = problems;
    public IReadOnlyList<KnowledgeEntry> Entries => Answerer.Index.Entries;

    /// <summary>Marks a question in flight on this snapshot; false once it was replaced and freed.</summary>
    internal bool TryAcquire()
    {
        lock (_lock)
        {
            if (_disposed) return false;
            _users++;
            return true;
        }
    }

    internal void Release()
    {
        lock (_lock)
        {
            _users--;
            if (_retired && _users == 0) Free();
        }
    }

    /// <summary>Replaced by a newer snapshot: its index is freed as soon as no question uses it.</summary>
    internal void Retire()
    {
        lock (_lock)
        {
            _retired = true;
            if (_users == 0) Free();
        }
    }

    private void Free()
    {
        if (_disposed) return;
        _disposed = true;
        Answerer.Index.Dispose();
    }
}

/// <summary>
/// Serves questions from the curated knowledge folder. A reload builds a new index beside the current one and swaps it
/// in, so questions are answered throughout (no downtime). Reloads are serialised and coalesced: requests that arrive
/// while one runs share the single reload that follows it, so a burst of "recharger la base" builds at most two indexes,
/// and an old index is freed as soon as the last question on it ends.
/// </summary>
public sealed class KnowledgeService : IDisposable
{
    private readonly string _folder;
    private readonly AnswerPolicy? _fixedPolicy;
    private readonly Func<AnswerPolicy, AnswerPolicy>? _overrides;
    private readonly ILogger _logger;
    private readonly IAnswerWriter? _writer;
    private readonly ISemanticRanker? _ranker;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _pendingLock = new();
    private Task<KnowledgeSnapshot>? _pending;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private volatile KnowledgeSnapshot _current;
    private long _loadedFingerprint;

    /// <param name="policy">A fixed policy; null: the folder's calibrated thresholds (<see cref="AnswerPolicy.FileName"/>), read at each load.</param>
    /// <param name="overrides">Applied to the calibrated policy at each load (configured values win).</param>
    public KnowledgeService(string folder, AnswerPolicy? policy, ILogger logger, IAnswerWriter? writer = null, ISemanticRanker? ranker = null,
        Func<AnswerPolicy, AnswerPolicy>? overrides = null)
    {
        _folder = folder;
        _fixedPolicy = policy;
        _overrides = overrides;
        _logger = logger;
        _writer = writer;
        _ranker = ranker;
        _loadedFingerprint = FolderFingerprint(folder);
        _current = Load();
    }

    public string Folder => _folder;
    public KnowledgeSnapshot Current => _current;

    /// <summary>How many times the folder was loaded (indexes built) since the service started.</summary>
    public int Loads => _loads;
    private int _loads;

    /// <summary>Raised after each reload with the new snapshot and the one it replaced.</summary>
    public event Action<KnowledgeSnapshot, KnowledgeSnapshot>? Reloaded;

    public KnowledgeSnapshot Reload() => ReloadAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Reloads the folder. While a reload runs, every new request joins one reload that starts after it (it sees all
    /// the edits made so far); requests never pile up builds.
    /// </summary>
    public Task<KnowledgeSnapshot> ReloadAsync()
    {
        lock (_pendingLock)
        {
            if (_pending is not null) return _pending;
            var pending = new TaskCompletionSource<KnowledgeSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = pending.Task;
            _ = Task.Run(async () =>
            {
                await _reloading.WaitAsync();
                // From here on, a new request starts another reload after this one (it may hold newer edits).
                lock (_pendingLock) _pending = null;
                try
                {
                    // A request that finds the files as they were at the last load gets the current index: a flood
                    // of reloads builds nothing until a file changes.
                    var fingerprint = FolderFingerprint(_folder);
                    if (fingerprint == _loadedFingerprint) { pending.SetResult(_current); return; }
                    var previous = _current;
                    var next = Load();
                    _current = next;
                    _loadedFingerprint = fingerprint;
                    previous.Retire();
                    try { Reloaded?.Invoke(next, previous); }
                    catch (Exception e) { _logger.LogError(e, "Erreur après le rechargement de la base"); }
                    pending.SetResult(next);
                }
                catch (Exception e) { pending.SetException(e); }
                finally { _reloading.Release(); }
            });
            return pending.Task;
        }
    }

    /// <summary>Answers from the extract alone (no AI service), synchronously.</summary>
    public KnowledgeAnswer Answer(string question)
    {
        var snapshot = Acquire();
        try { return snapshot.Answerer.Answer(question); }
        finally { snapshot.Release(); }
    }

    /// <summary>Answers with the configured AI services, if any: semantic reranking, then a written answer.</summary>
    public async Task<KnowledgeAnswer> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        if (_writer is null && _ranker is null) return Answer(question);

        var clock = Stopwatch.StartNew();
        var snapshot = Acquire();
        KnowledgeAnswer answer;
        try
        {
            var answerer = snapshot.Answerer;
            var (reading, hits) = answerer.Rank(question);
            if (_ranker is not null && hits.Count > 1)
            {
                var passing = hits.Where(h => h.Coverage >= answerer.Policy.PartialFor(reading.Query)).ToList();
                var reranked = await _ranker.RerankAsync(question, passing, cancellationToken);
                hits = reranked.Concat(hits.Except(passing)).ToList();
            }
            answer = answerer.Compose(reading, hits, clock);
        }
        finally { snapshot.Release(); }
        if (answer.Kind != AnswerKind.Answer || _writer is null) return answer with { ElapsedMs = clock.Elapsed.TotalMilliseconds };

        var written = await _writer.WriteAsync(question, answer.Sources, cancellationToken);
        if (written is null) return answer with { ElapsedMs = clock.Elapsed.TotalMilliseconds };
        if (written.Contains(ChatClientAnswerWriter.NoAnswerMarker, StringComparison.OrdinalIgnoreCase))
            return answer with
            {
                Kind = AnswerKind.Abstain,
                Text = "Je ne sais pas : les passages trouvés ne répondent pas à cette question.",
                Sources = [],
                Alternatives = [],
                ElapsedMs = clock.Elapsed.TotalMilliseconds,
            };
        return answer with { Text = written, WrittenByAi = true, ElapsedMs = clock.Elapsed.TotalMilliseconds };
    }

    public KnowledgeEntry? Find(string id) => _current.Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>The current snapshot, held until <see cref="KnowledgeSnapshot.Release"/> (a reload then cannot free it).</summary>
    private KnowledgeSnapshot Acquire()
    {
        while (true)
        {
            var snapshot = _current;
            if (snapshot.TryAcquire()) return snapshot;
        }
    }

    /// <summary>Reloads by itself when curators save a file (debounced: one reload after a burst of saves).</summary>
    public void WatchFolder()
    {
        if (_watcher is not null || !Directory.Exists(_folder)) return;
        _debounce = new Timer(_ => SafeReload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(_folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (s, e) => changed(s, e);
    }

    private async void SafeReload()
    {
        try { await ReloadAsync(); }
        catch (Exception e) { _logger.LogError(e, "Rechargement de la base de connaissances impossible ; l'ancienne version reste servie"); }
    }

    /// <summary>The policy a load uses: the fixed one, or the folder's calibration with the configured overrides.</summary>
    public AnswerPolicy PolicyFor(string folder)
    {
        if (_fixedPolicy is not null) return _fixedPolicy;
        var policy = AnswerPolicy.ReadCalibrated(folder) ?? new AnswerPolicy();
        return _overrides is null ? policy : _overrides(policy);
    }

    /// <summary>Names, sizes and write times of the folder's files: equal means nothing to reload.</summary>
    private static long FolderFingerprint(string folder)
    {
        if (!Directory.Exists(folder)) return long.MinValue;
        var hash = new HashCode();
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                hash.Add(file);
                hash.Add(info.Length);
                hash.Add(info.LastWriteTimeUtc.Ticks);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Random.Shared.NextInt64(); } // reload to be sure
        return hash.ToHashCode();
    }

    private KnowledgeSnapshot Load()
    {
        Interlocked.Increment(ref _loads);
        var clock = Stopwatch.StartNew();
        var result = KnowledgeFolderLoader.Load(_folder);
        foreach (var problem in result.Problems)
            _logger.LogWarning("Fichier de connaissances ignoré : {Problem}", problem.ToString());
        var policy = PolicyFor(_folder);
        var index = KnowledgeIndex.Build(result.Entries, result.Lexicon, policy.Weights);
        _logger.LogInformation("Base de connaissances chargée : {Count} fiches depuis {Folder} en {Ms} ms ({Problems} fichier(s) ignoré(s))",
            result.Entries.Count, _folder, clock.ElapsedMilliseconds, result.Problems.Count);
        return new KnowledgeSnapshot(new KnowledgeAnswerer(index, policy), result.Problems);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _current.Retire();
    }
}
