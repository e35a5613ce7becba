using System.Runtime.CompilerServices;
using Communaute.Knowledge;

namespace Communaute.Bot.Curation;

/// <summary>
/// After every reload of the base (a curator's command or a saved file), re-runs the open groups' questions, one
/// follow-up at a time. The curator's command runs the follow-up of its reload itself, in its own turn (the turn's
/// transaction: on SQLite another writer would wait for the turn, which waits for it), and reports what was closed;
/// a reload from a saved file is followed up in the background.
/// </summary>
public sealed class CurationFollowUp(IServiceScopeFactory scopes, ILogger<CurationFollowUp> logger)
{
    /// <summary>How long a reload waits for a curator's turn to take its follow-up before running it in the background.</summary>
    private static readonly TimeSpan BackgroundDelay = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<KnowledgeSnapshot, Pending> _runs = new();

    private sealed class Pending(KnowledgeSnapshot previous, KnowledgeSnapshot current)
    {
        public KnowledgeSnapshot Previous { get; } = previous;
        public KnowledgeSnapshot Current { get; } = current;
        public int Taken;
        public TaskCompletionSource<int> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void OnReloaded(KnowledgeSnapshot current, KnowledgeSnapshot previous)
    {
        var pending = new Pending(previous, current);
        lock (_runs) _runs.AddOrUpdate(current, pending);
        _ = Task.Run(async () =>
        {
            await Task.Delay(BackgroundDelay);
            if (Interlocked.Exchange(ref pending.Taken, 1) != 0) return;
            await using var scope = scopes.CreateAsyncScope();
            pending.Closed.TrySetResult(await RunAsync(pending, scope.ServiceProvider.GetRequiredService<UnansweredQuestions>()));
        });
    }

    /// <summary>
    /// How many groups the follow-up of this snapshot closed, told once: a reload that finds the files unchanged gets
    /// the same snapshot back, and must not report the groups an earlier reload already closed (0 then). Runs the
    /// follow-up here, with the caller's <paramref name="questions"/> (its turn), unless it has started already.
    /// </summary>
    public async Task<int> ForAsync(KnowledgeSnapshot snapshot, UnansweredQuestions questions)
    {
        Pending? pending;
        lock (_runs)
        {
            if (!_runs.TryGetValue(snapshot, out pending)) return 0;
            _runs.Remove(snapshot);
        }
        if (Interlocked.Exchange(ref pending.Taken, 1) != 0) return await pending.Closed.Task;
        var closed = await RunAsync(pending, questions);
        pending.Closed.TrySetResult(closed);
        return closed;
    }

    private async Task<int> RunAsync(Pending pending, UnansweredQuestions questions)
    {
        await _gate.WaitAsync();
        try
        {
            var closed = await questions.FollowUpAsync(pending.Previous, pending.Current, CancellationToken.None);
            if (closed > 0) logger.LogInformation("{Count} groupe(s) de questions sans réponse ont maintenant une réponse", closed);
            return closed;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Suivi des questions sans réponse impossible après le rechargement");
            return 0;
        }
        finally { _gate.Release(); }
    }
}
