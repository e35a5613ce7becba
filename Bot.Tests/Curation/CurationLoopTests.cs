using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Knowledge;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Communaute.Bot.Tests.Curation;

/// <summary>
/// The curation loop, as members and a curator live it: an unanswerable question is grouped with similar ones, the
/// curator sees the group, adds an entry and reloads, and each member who asked is told in their 1:1 conversation.
/// </summary>
public sealed class CurationLoopTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-curation-").FullName;
    private BotTestHost _host = null!;

    private const string Unanswerable = "Qu'est-ce que le programme Kestrel pour les cuisiniers solidaires ?";

    public async Task InitializeAsync()
    {
        // A copy of the bundled base the curator may edit.
        foreach (var file in Directory.EnumerateFiles(RepoPaths.KnowledgeBase, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(RepoPaths.KnowledgeBase, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:Folder"] = _folder });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private TestChat Member(string id, string name) => new(_host, id, name, channel: "webchat", conversationId: "page-" + id);

    private TestChat Curator() => new(_host, "facilitator", "Fanny Animatrice");

    private async Task<string> OutboxOf(string conversationId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var messages = await db.Set<Communaute.Bot.WebChat.WebChatMessage>()
            .Where(m => m.ConversationId == conversationId && m.From == Communaute.Bot.WebChat.WebChatSender.Bot)
            .Select(m => m.PayloadJson).ToListAsync();
        return System.Text.RegularExpressions.Regex.Unescape(string.Join("\n", messages));
    }

    private void WriteEntry() => File.WriteAllText(Path.Combine(_folder, "001-communaute-emergence-acceleration-2018", "programme-kestrel.md"),
        KnowledgeLoadingTests.Entry("Programme Kestrel pour les cuisiniers solidaires",
            "Le programme Kestrel accompagne pendant six mois les cuisiniers solidaires qui créent une cantine d'insertion.",
            id: "001-communaute-emergence-acceleration-2018/programme-kestrel"));

    [Fact]
    public async Task A_member_asks_what_the_base_lacks_a_curator_adds_an_entry_and_the_member_is_told()
    {
        var alice = Member("alice", "Alice Martin");
        var bob = Member("bob", "Bob Durand");
        (await alice.Says(Unanswerable)).Answers("Je ne sais pas").Offers("Transmettre aux animateurs");
        (await bob.Says("c koi le programme kestrel des cuisiniers solidaires")).Answers("Je ne sais pas");
        (await alice.Says(Unanswerable)).Answers("Je ne sais pas"); // the same member again: not counted twice

        var curator = Curator();
        (await curator.Says("questions sans réponse")).Answers("2 demandes", "Kestrel").Offers("Écarter");

        WriteEntry();
        (await curator.Says("recharger la base")).Answers("Base de connaissances rechargée", "désormais répondues", "1 (les membres sont prévenus)");

        var told = await OutboxOf("page-alice");
        Assert.Contains("Votre question du 23 novembre a maintenant une réponse", told);
        Assert.Contains("cantine d'insertion", told);
        Assert.Contains("a maintenant une réponse", await OutboxOf("page-bob"));
        (await curator.Says("questions sans réponse")).Answers("Aucune question sans réponse");

        // Reloading again tells nobody twice.
        (await curator.Says("recharger la base")).Answers("aucune");
        Assert.Equal(1, (await OutboxOf("page-alice")).Split("a maintenant une réponse").Length - 1);
    }

    [Fact]
    public async Task A_curator_closes_a_group_from_its_buttons_answered_by_an_entry_or_dismissed()
    {
        await Member("bob", "Bob Durand").Says("Quel est le numéro de téléphone de la lune bleue ?");
        _host.Clock.Advance(TimeSpan.FromHours(2));
        await Member("alice", "Alice Martin").Says("Comment financer une étude de faisabilité pour une cantine à Wallis-et-Futuna ?");
        var curator = Curator();
        var list = await curator.Says("questions sans réponse");
        list.Answers("Wallis", "lune bleue").Offers("Répondue par");

        (await curator.Clicks("Répondue par")).Answers("est close, répondue par la fiche", "Le membre qui l'a posée est prévenu");
        Assert.Contains("a maintenant une réponse", await OutboxOf("page-alice"));

        (await curator.Says("questions sans réponse")).Answers("lune bleue").DoesNotSay("Wallis");
        (await curator.Clicks("Écarter")).Answers("écartée");
        (await curator.Says("questions sans réponse")).Answers("Aucune question sans réponse");
        Assert.DoesNotContain("a maintenant une réponse", await OutboxOf("page-bob"));
    }

    [Fact]
    public async Task Small_talk_and_answered_questions_never_reach_the_curators_list()
    {
        var alice = Member("alice", "Alice Martin");
        (await alice.Says("ok merci")).Answers("Avec plaisir").DoesNotSay("Je ne sais pas");
        (await alice.Says("👍")).DoesNotSay("Je ne sais pas", "Transmettre");
        (await alice.Says("qui es-tu ?")).Answers("bot de la Communauté");
        (await alice.Says("t'es un humain ou une IA ?")).Answers("Je suis un bot");
        (await alice.Says("au revoir")).Answers("Au revoir");
        (await alice.Says("Qu'est-ce que le FISO ?")).Answers("Source");

        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<BotDbContext>().UnansweredQuestions.ToListAsync());
    }
}

/// <summary>A facilitator sees only the questions of the members their scope allows.</summary>
public sealed class CurationScopeTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    private sealed class NobodyScope : IFacilitatorScope
    {
        public IQueryable<Member> VisibleMembers(BotDbContext db, MemberInfo viewer) => db.Members.Where(m => m.ChannelUserId == "nobody");
    }

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(services: s =>
    {
        s.RemoveAll<IFacilitatorScope>();
        s.AddSingleton<IFacilitatorScope, NobodyScope>();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Questions_of_members_outside_the_scope_are_not_listed_nor_closable()
    {
        await new TestChat(_host, "alice").Says("Quel temps fera-t-il demain à Brest ?");
        var curator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        (await curator.Says("questions sans réponse")).Answers("Aucune question sans réponse");
        (await curator.Says("question 1 écarter")).Answers("Je ne trouve pas de question n° 1");
    }
}
