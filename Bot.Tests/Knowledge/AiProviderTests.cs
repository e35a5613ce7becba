using Communaute.Bot.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>The optional AI path, with fakes of the AI provider: it writes from the passages, keeps citations, abstains with retrieval.</summary>
public sealed class AiProviderTests
{
    private sealed class FakeChatClient(Func<IList<ChatMessage>, string> answer) : IChatClient
    {
        public List<IList<ChatMessage>> Calls { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            Calls.Add(list);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(list))));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    private sealed class FakeEmbeddings(Func<string, float[]> embed) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(embed(v)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    [Fact]
    public async Task The_model_writes_from_the_retrieved_passages_and_the_citation_stays()
    {
        var chat = new FakeChatClient(_ => "Le FISO est un fonds d'innovation sociale cofinancé par l'État et des Régions [1].");
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IChatClient>(chat));

        var bot = await new TestChat(host).Says("Qu'est-ce que le FISO ?");

        bot.Answers("cofinancé par l'État et des Régions [1]", "Source", "Avise", "rédigée par IA");
        var prompt = string.Join("\n", chat.Calls.Single().Select(m => m.Text));
        Assert.Contains("UNIQUEMENT à partir des extraits", prompt);
        Assert.Contains("FISO", prompt); // the passage was given to the model
    }

    [Fact]
    public async Task Out_of_scope_questions_never_reach_the_model()
    {
        var chat = new FakeChatClient(_ => "Voici une recette de gâteau.");
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IChatClient>(chat));

        (await new TestChat(host).Says("Comment faire un gâteau au chocolat ?")).Answers("Je ne sais pas").DoesNotSay("recette");
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task When_the_model_says_the_passages_do_not_answer_the_bot_abstains()
    {
        var chat = new FakeChatClient(_ => "JE NE SAIS PAS");
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IChatClient>(chat));
        (await new TestChat(host).Says("Qu'est-ce que le FISO ?")).Answers("Je ne sais pas").DoesNotSay("Source");
    }

    [Fact]
    public async Task A_failing_model_leaves_the_extracted_answer()
    {
        var chat = new FakeChatClient(_ => throw new HttpRequestException("service indisponible"));
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IChatClient>(chat));
        (await new TestChat(host).Says("Qu'est-ce que le FISO ?")).Answers("FISO", "Source").DoesNotSay("rédigée par IA");
    }

    [Fact]
    public async Task Embeddings_reorder_candidates_by_meaning_without_changing_abstention()
    {
        const string question = "Quels appels à projets pour l'innovation sociale en Région ?";
        string? preferred = null;
        // The fake says the question means the same as the lexical runner-up, and nothing else.
        var embeddings = new FakeEmbeddings(text => text == question || (preferred is not null && text.Contains(preferred)) ? [1f, 0f] : [0f, 1f]);
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings));
        var kb = host.Services.GetRequiredService<Communaute.Knowledge.KnowledgeService>();

        var (_, hits) = kb.Current.Answerer.Rank(question);
        var runnerUp = hits.Skip(1).First(h => h.Coverage >= new Communaute.Knowledge.Answering.AnswerPolicy().MinCoverage);
        preferred = runnerUp.Entry.PlainBody;

        var semantic = await kb.AnswerAsync(question);
        Assert.True(embeddings.Calls > 0);
        Assert.Equal(runnerUp.Entry.Id, semantic.Sources[0].Entry.Id);
        Assert.NotEqual(hits[0].Entry.Id, semantic.Sources[0].Entry.Id);

        Assert.False((await kb.AnswerAsync("Comment faire un gâteau au chocolat ?")).Answered);
    }
}
