using System.Diagnostics;
using Communaute.Knowledge.Ai;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;
using Microsoft.Extensions.Logging;

namespace Communaute.Knowledge;

/// <summary>The base as loaded at one moment: what is served, and which files were refused.</summary>
public sealed record KnowledgeSnapshot(KnowledgeAnswerer Answerer, IReadOnlyList<LoadProblem> Problems, DateTimeOffset LoadedAt)
{
    public IReadOnlyList<KnowledgeEntry> Entries => Answerer.Index.Entries;
}

/// <summary>
/// Serves questions from the curated knowledge folder. A reload builds a new index beside the
/// current one and swaps it in, so questions are answered throughout (no downtime).
/// </summary>
public sealed class KnowledgeService : IDisposable
{
    private readonly string _folder;
    private readonly AnswerPolicy _policy;
    private readonly ILogger _logger;
    private readonly IAnswerWriter? _writer;
    private readonly ISemanticRanker? _ranker;
    private readonly object _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private volatile KnowledgeSnapshot _current;
    private long _loadsStarted;
    private long _loadedFingerprint;

    public KnowledgeService(string folder, AnswerPolicy policy, ILogger logger, IAnswerWriter? writer = null, ISemanticRanker? ranker = null)
    {
        _folder = folder;
        _policy = policy;
        _logger = logger;
        _writer = writer;
        _ranker = ranker;
        _loadedFingerprint = FolderFingerprint(folder);
        _current = Load();
    }

    public string Folder => _folder;
    public KnowledgeSnapshot Current => _current;

    /// <summary>Raised after each reload with the new snapshot.</summary>
    public event Action<KnowledgeSnapshot>? Reloaded;

    public KnowledgeSnapshot Reload()
    {
        var seen = Interlocked.Read(ref _loadsStarted);
        lock (_reloadLock)
        {
            // Serialised and bounded: a request that waited while another reload began after it, or that finds the files
            // as they were at the last load, gets the current index; a flood of reloads builds no index (and holds no
            // retired one for 30 s), whatever the number of callers.
            var fingerprint = FolderFingerprint(_folder);
            if (Interlocked.Read(ref _loadsStarted) > seen || fingerprint == _loadedFingerprint) return _current;
            Interlocked.Increment(ref _loadsStarted);
            _loadedFingerprint = fingerprint;
            var previous = _current;
            _current = Load();
            Reloaded?.Invoke(_current);
            // Questions in flight may still hold the old index for a moment.
            _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => previous.Answerer.Index.Dispose(), TaskScheduler.Default);
            return _current;
        }
    }

    /// <summary>Answers from the extract alone (no AI service), synchronously.</summary>
    public KnowledgeAnswer Answer(string question) => _current.Answerer.Answer(question);

    /// <summary>Answers with the configured AI services, if any: semantic reranking, then a written answer.</summary>
    public async Task<KnowledgeAnswer> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        if (_writer is null && _ranker is null) return Answer(question);

        var clock = Stopwatch.StartNew();
        var answerer = _current.Answerer;
        var (query, hits) = answerer.Rank(question);
        if (_ranker is not null)
        {
            var passing = hits.Where(h => h.Coverage >= _policy.MinCoverage).ToList();
            var reranked = await _ranker.RerankAsync(question, passing, cancellationToken);
            hits = reranked.Concat(hits.Except(passing)).ToList();
        }
        var answer = answerer.Compose(question, query, hits, clock);
        if (!answer.Answered || _writer is null) return answer with { ElapsedMs = clock.Elapsed.TotalMilliseconds };

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

    private void SafeReload()
    {
        try { Reload(); }
        catch (Exception e) { _logger.LogError(e, "Rechargement de la base de connaissances impossible ; l'ancienne version reste servie"); }
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
        var clock = Stopwatch.StartNew();
        var result = KnowledgeFolderLoader.Load(_folder);
        foreach (var problem in result.Problems)
            _logger.LogWarning("Fichier de connaissances ignoré : {Problem}", problem.ToString());
        var index = KnowledgeIndex.Build(result.Entries, result.Synonyms, _policy.UnknownWordWeight);
        _logger.LogInformation("Base de connaissances chargée : {Count} fiches depuis {Folder} en {Ms} ms ({Problems} fichier(s) ignoré(s))",
            result.Entries.Count, _folder, clock.ElapsedMilliseconds, result.Problems.Count);
        return new KnowledgeSnapshot(new KnowledgeAnswerer(index, _policy), result.Problems, DateTimeOffset.UtcNow);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _current.Answerer.Index.Dispose();
    }
}
