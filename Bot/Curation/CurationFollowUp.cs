using System.Runtime.CompilerServices;
using Communaute.Knowledge;

namespace Communaute.Bot.Curation;

/// <summary>
/// After every reload of the base (a curator's command or a saved file), re-runs the open groups' questions, one
/// follow-up at a time. The curator's command waits for the follow-up of its reload to report what was closed.
/// </summary>
public sealed class CurationFollowUp(IServiceScopeFactory scopes, ILogger<CurationFollowUp> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<KnowledgeSnapshot, Task<int>> _runs = new();

    public void OnReloaded(KnowledgeSnapshot current, KnowledgeSnapshot previous)
    {
        lock (_runs) _runs.AddOrUpdate(current, Task.Run(() => RunAsync(previous, current)));
    }

    /// <summary>
    /// How many groups the follow-up of this snapshot closed, told once: a reload that finds the files unchanged gets
    /// the same snapshot back, and must not report the groups an earlier reload already closed (0 then).
    /// </summary>
    public Task<int> ForAsync(KnowledgeSnapshot snapshot)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(snapshot, out var run)) return Task.FromResult(0);
            _runs.Remove(snapshot);
            return run;
        }
    }

    private async Task<int> RunAsync(KnowledgeSnapshot previous, KnowledgeSnapshot current)
    {
        await _gate.WaitAsync();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var closed = await scope.ServiceProvider.GetRequiredService<UnansweredQuestions>().FollowUpAsync(previous, current, CancellationToken.None);
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
