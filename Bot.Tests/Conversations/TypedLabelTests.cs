using System.Text.RegularExpressions;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Delivery;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>
/// Typing a button's label does what clicking it does. A tour through the greeting, the help, the sessions, the
/// characterisation, the pitch and the personal data collects every button the bot shows; for each one, two members
/// are brought to the same point of the tour, one clicks it, the other types its label, and the first replies must be
/// the same.
/// </summary>
public sealed partial class TypedLabelTests(ITestOutputHelper output) : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        await new TestChat(_host, "facilitator", "Fanny Animatrice").CreateSessionAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed record Step(string Name, Func<TestChat, Task<BotSaid>> Run);

    private static Step Say(string text) => new($"tape « {text} »", chat => chat.Says(text));
    private static Step Click(string label) => new($"clique « {label} »", chat => chat.Clicks(label));

    private static readonly Step[] Tour =
    [
        Say("bonjour"),
        Say("aide"),
        Say("sessions"),
        Say("mes sessions"),
        Say("caractériser mon projet"),
        Click("Commencer"),
        Say(CharacterisationPath.Need),
        Say(CharacterisationPath.Answer),
        Say(CharacterisationPath.Change),
        .. CharacterisationPath.DefaultLevels[..2].Select(Say),
        Say("pause"),
        Click("Reprendre"),
        .. CharacterisationPath.DefaultLevels[2..].Select(Say),
        Click("Valider"),
        Click("Préparer mon pitch"),
        Say("sessions"),
        Click("Non, c'est ma réponse"),
        Click("Garder la proposition"),
        Click("Garder la proposition"),
        Say("mes données"),
        Click("Supprimer mes données"),
    ];

    /// <summary>Why a button may be left out: its label alone cannot say what its click carries.</summary>
    private static string? WhyNotTypable(Choice choice) =>
        Digits().IsMatch(choice.Value) && !Digits().IsMatch(choice.Label) ? "il désigne un objet par son numéro, que son libellé ne dit pas"
        : null;

    [Fact]
    public async Task Typing_the_label_of_every_button_of_the_tour_does_what_clicking_it_does()
    {
        var checkedPairs = await CompareAsync("tape", WhyNotTypable, (chat, choice) => chat.Says(choice.Label));
        Assert.True(checkedPairs >= 20, $"la visite n'a montré que {checkedPairs} boutons à vérifier");
    }

    [Fact]
    public async Task Every_button_of_the_tour_carries_a_typed_intent()
    {
        var buttons = await CollectButtonsAsync();
        var without = buttons.Where(b => b.Choice.Action is null).Select(b => $"« {b.Choice.Label} » ({b.Choice.Value}), après « {Tour[b.At - 1].Name} »").ToList();
        Assert.True(without.Count == 0, "Boutons sans intention typée :\n" + string.Join("\n", without));
    }

    [Fact]
    public async Task Clicking_every_button_of_the_tour_with_only_its_intent_and_no_text_does_what_clicking_it_does()
    {
        var checkedPairs = await CompareAsync("intention", _ => null, (chat, choice) => ClickExactly(chat, choice, withText: false));
        Assert.True(checkedPairs >= 20, $"la visite n'a montré que {checkedPairs} boutons à vérifier");
    }

    /// <summary>
    /// What facilitators and curators are shown: an answer and its rating, the curators' lists (unanswered and « pas
    /// utile »), the failed messages, and the forms (session, series, edit, message, action plan, organisation,
    /// experience card). Each step's text may name the session created for the test (« {0} »).
    /// </summary>
    private static readonly string[] StaffTour =
    [
        "aide",
        "Qu'est-ce que le FISO ?",
        "pas utile",
        "Combien de pingouins vivent sur le toit de la mairie de Brest ?",
        "questions sans réponse",
        "messages en échec",
        "sessions",
        "créer une session",
        "créer une série",
        "modifier la session {0}",
        "message aux participants {0}",
        "plan d'action {0}",
        "mon organisation",
        "ma fiche",
    ];

    [Fact]
    public async Task Every_button_and_form_shown_to_a_facilitator_carries_a_typed_intent()
    {
        await ParkedMessages.ParkAsync(_host);
        var sessionId = await _host.DbAsync(db => db.Set<Communaute.Bot.Sessions.Storage.CoDevSession>().MaxAsync(s => s.Id));
        var facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
        var without = new List<string>();
        var kinds = new HashSet<string>();
        var forms = 0;
        foreach (var step in StaffTour.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, sessionId)))
        {
            foreach (var reply in (await facilitator.Says(step)).Replies)
            {
                foreach (var choice in (reply.Card?.Choices ?? []).Concat(reply.SuggestedActions))
                    if (choice.Action is { } action) kinds.Add(action.Kind);
                    else without.Add($"« {choice.Label} » ({choice.Value}), après « {step} »");
                if (reply.Card is not { Inputs.Count: > 0 } form) continue;
                forms++;
                if (form.SubmitAction is { } submit) kinds.Add(submit.Kind);
                else without.Add($"formulaire « {form.Title} » (« {form.SubmitLabel} »), après « {step} »");
            }
        }
        Assert.True(without.Count == 0, "Sans intention typée :\n" + string.Join("\n", without));
        // The tour reached each family it is there for.
        Assert.Superset(new HashSet<string> { "rate", "rate-skip", "curation-dismiss", "curation-close", "failed-messages-retry", "session-create", "session-edit", "sessions-organisation" }, kinds);
        Assert.True(forms >= 7, $"la visite n'a montré que {forms} formulaires");
    }

    /// <summary>
    /// For each button of the tour, two members brought to the point where it shows: one clicks it, the other does
    /// <paramref name="other"/>; their first replies must read the same. Returns the number of buttons compared.
    /// </summary>
    private async Task<int> CompareAsync(string name, Func<Choice, string?> whyLeftOut, Func<TestChat, Choice, Task<BotSaid>> other)
    {
        var buttons = await CollectButtonsAsync();
        var mismatches = new List<string>();
        var pair = 0;
        foreach (var (at, choice) in buttons)
        {
            if (whyLeftOut(choice) is { } why)
            {
                output.WriteLine($"exclu : « {choice.Label} » ({choice.Value}) : {why}");
                continue;
            }
            pair++;
            var clicker = new TestChat(_host, $"clic{pair}", "Camille Dupont");
            var second = new TestChat(_host, $"{name}{pair}", "Camille Dupont");
            for (var i = 0; i < at; i++)
            {
                await Tour[i].Run(clicker);
                await Tour[i].Run(second);
            }
            var clicked = FirstReply(await ClickExactly(clicker, choice));
            var otherWay = FirstReply(await other(second, choice));
            if (clicked != otherWay)
                mismatches.Add($"après « {Tour[at - 1].Name} », « {choice.Label} » ({choice.Value}) :\n  cliqué : {clicked}\n  {name} : {otherWay}");
        }
        output.WriteLine($"{pair} boutons vérifiés.");
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
        return pair;
    }

    /// <summary>Each distinct button (label and value) the tour shows, with the number of steps that lead to it.</summary>
    private async Task<List<(int At, Choice Choice)>> CollectButtonsAsync()
    {
        var guide = new TestChat(_host, "guide", "Camille Dupont");
        var seen = new HashSet<(string, string)>();
        var buttons = new List<(int, Choice)>();
        for (var i = 0; i < Tour.Length; i++)
        {
            var said = await Tour[i].Run(guide);
            foreach (var choice in said.Choices)
                if (seen.Add((choice.Label, choice.Value))) buttons.Add((i + 1, choice));
        }
        return buttons;
    }

    /// <summary>This member's own copy of the button (its card's prompt id is theirs), clicked, with its text or without.</summary>
    private static Task<BotSaid> ClickExactly(TestChat chat, Choice choice, bool withText = true)
    {
        foreach (var reply in chat.Last!.Replies)
            foreach (var c in (reply.Card?.Choices ?? []).Concat(reply.SuggestedActions))
                if (c.Label == choice.Label && c.Value == choice.Value)
                    return chat.ClicksValue(withText ? c.Value : "", reply.Card?.PromptId, c.Action);
        throw new InvalidOperationException($"« {choice.Label} » n'est plus proposé à {chat.UserId}");
    }

    /// <summary>The first reply as read, with what differs from one member to another (links, numbers) blanked.</summary>
    private static string FirstReply(BotSaid said) =>
        said.Replies.Count == 0 ? "(rien)" : Digits().Replace(Link().Replace(PlainTextRenderer.Render(said.Replies[0]).Text, "<lien>"), "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\S+://\S+|(?<!\S)/(media|sessions)/\S+")]
    private static partial Regex Link();
}
