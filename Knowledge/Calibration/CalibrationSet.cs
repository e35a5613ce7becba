using System.Text;
using Communaute.Knowledge.Loading;
using Communaute.Knowledge.Model;
using Communaute.Knowledge.Search;
using Communaute.Knowledge.Understanding;

namespace Communaute.Knowledge.Calibration;

/// <summary>One question of the calibration set: answerable by <see cref="Target"/>, or to be abstained on (Target null).</summary>
public sealed record CalibrationQuestion(string Text, string Kind, string? Target, int Fold);

/// <summary>
/// A calibration set made from the knowledge base itself, so curators can re-run it whenever the base changes:
/// each entry's alternative questions — asked of an index that does not hold them (cross-validation folds) — as
/// typed, with words dropped, with synonyms swapped, without accents and apostrophes; its members' own questions
/// (situations), likewise held out of the index they are asked of; then questions the base cannot
/// answer: out of scope, and in the field but unanswerable (a detail no entry gives, a place or a year the base does
/// not cover, a topic it lacks).
/// </summary>
public static class CalibrationSet
{
    public const int Folds = 4;

    public static IReadOnlyList<CalibrationQuestion> Build(IReadOnlyList<KnowledgeEntry> entries, Lexicon lexicon, Vocabulary vocabulary, int seed = 12)
    {
        var random = new Random(seed);
        var questions = new List<CalibrationQuestion>();
        var n = 0;
        foreach (var entry in entries)
            foreach (var q in entry.Questions)
            {
                var fold = n++ % Folds;
                questions.Add(new(q, "alternative", entry.Id, fold));
                questions.Add(new(Degrade(q, lexicon, random, dropWords: true, swap: true, fold: false), "reformulée", entry.Id, fold));
                questions.Add(new(Degrade(q, lexicon, random, dropWords: random.Next(2) == 0, swap: false, fold: true), "sans accents", entry.Id, fold));
            }

        // Members' own questions, each asked of an index without its fold's: how members really ask, long and in their words.
        var m = 0;
        foreach (var entry in entries)
            foreach (var q in entry.Situations)
                questions.Add(new(q, "situation", entry.Id, m++ % Folds));

        foreach (var q in OutOfScope()) questions.Add(new(q, "hors sujet", null, -1));
        var unanswerable = Unanswerable(entries, vocabulary, random).ToList();
        foreach (var q in unanswerable) questions.Add(new(q, "sans réponse", null, -1));
        // Members put their situation first, whatever they ask: long questions the base cannot answer either.
        var k = 0;
        foreach (var q in OutOfScope().Concat(unanswerable.Where((_, i) => i % 3 == 0)))
            questions.Add(new(MemberContexts[k++ % MemberContexts.Length] + LowerFirst(q), "sans réponse, situation", null, -1));
        foreach (var q in SmallTalkQuestions) questions.Add(new(q, "conversation", null, -1));
        return questions;
    }

    /// <summary>Words dropped (not the rarest), a synonym swapped, accents and apostrophes removed.</summary>
    public static string Degrade(string question, Lexicon lexicon, Random random, bool dropWords, bool swap, bool fold)
    {
        var words = question.TrimEnd('?', ' ', '.').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (swap)
        {
            var groups = lexicon.Synonyms.Groups;
            for (var i = 0; i < words.Count; i++)
            {
                var w = Folding.Fold(words[i].Trim(',', ';', ':'));
                var group = groups.FirstOrDefault(g => g.Any(v => !v.Contains(' ') && Folding.Fold(v) == w));
                if (group is null) continue;
                var others = group.Where(v => Folding.Fold(v) != w).ToList();
                words[i] = others[random.Next(others.Count)];
                break;
            }
        }
        if (dropWords && words.Count > 4)
        {
            // Short words and the first (asking) word go first: members skip them.
            var drops = random.Next(1, 3);
            for (var d = 0; d < drops && words.Count > 4; d++)
            {
                var candidates = Enumerable.Range(0, words.Count).Where(i => words[i].Length <= 4 || i == 0).ToList();
                if (candidates.Count == 0) candidates = Enumerable.Range(0, words.Count).ToList();
                words.RemoveAt(candidates[random.Next(candidates.Count)]);
            }
        }
        var text = string.Join(' ', words);
        if (fold)
        {
            var sb = new StringBuilder();
            foreach (var c in Folding.Fold(text)) if (c != '\'' && c != '’') sb.Append(c);
            text = sb.ToString();
        }
        return text + (random.Next(3) == 0 ? "" : " ?");
    }

    /// <summary>How members open a question with their situation (none taken from a fiche).</summary>
    private static readonly string[] MemberContexts =
    [
        "Je suis porteuse de projet dans une petite association de quartier et on se pose une question : ",
        "Dans notre incubateur on accompagne une dizaine de projets cette année, ",
        "On vient de créer notre structure en milieu rural avec trois bénévoles et ",
        "Je coordonne un programme d'accompagnement pour des entrepreneurs sociaux depuis deux ans, ",
        "Notre coopérative grandit vite et l'équipe s'interroge : ",
        "Je prépare la prochaine réunion de notre réseau régional, ",
        "Mon associé et moi lançons une activité d'insertion en ville, ",
        "Petite question de la part d'une chargée de mission d'une collectivité : ",
    ];

    private static string LowerFirst(string q) => q.Length > 1 && char.IsUpper(q[0]) && !char.IsUpper(q[1]) ? char.ToLowerInvariant(q[0]) + q[1..] : q;

    private static readonly string[] SmallTalkQuestions =
        ["merci beaucoup", "ok super", "au revoir", "bonne journée !", "qui es-tu ?", "tu es un robot ?", "😀", "lol", "d'accord merci", "ça va ?"];

    /// <summary>Questions from other fields, by template: weather, cooking, sport, health, travel, devices, culture.</summary>
    public static IEnumerable<string> OutOfScope()
    {
        string[] subjects =
        [
            "la météo à Marseille", "une recette de crêpes", "le gâteau au chocolat", "le match de rugby de samedi", "le prix de l'essence",
            "la batterie de mon ordinateur portable", "un billet d'avion pour Montréal", "la capitale de l'Australie", "le mal de dos",
            "la grippe", "les horaires de la piscine", "le film de ce soir", "l'élection présidentielle américaine", "le cours du bitcoin",
            "la taille de la tour Montparnasse", "la vitesse de la lumière", "les règles du tarot", "le code de la route", "mon mot de passe Gmail",
            "la traduction de merci en espagnol", "le résultat du loto", "la température de cuisson du poulet", "les soldes d'hiver",
            "le prochain album de Stromae", "la date de Noël", "la population de la Chine", "un poème sur la mer", "le dernier iPhone",
        ];
        string[] templates = ["Que savez-vous sur {0} ?", "Pouvez-vous m'aider avec {0} ?", "J'ai une question sur {0}", "Des infos sur {0} svp"];
        for (var i = 0; i < subjects.Length; i++) yield return string.Format(templates[i % templates.Length], subjects[i]);
        string[] direct =
        [
            "Quelle heure est-il à New York ?", "Comment faire une mayonnaise ?", "Qui a gagné le Tour de France ?", "Combien font 12 fois 13 ?",
            "Comment soigner une angine ?", "Quel temps fera-t-il demain à Lille ?", "Comment réinstaller Windows ?", "Où acheter des chaussures de running ?",
            "Quel est le plus long fleuve du monde ?", "Écris-moi un haïku", "Comment promener mon chien ?", "Quelle est la recette du couscous ?",
            "Qui a écrit Les Misérables ?", "Comment changer une roue de voiture ?", "Quel est le numéro des pompiers ?", "Raconte une histoire drôle",
            "Comment apprendre la guitare rapidement ?", "Quelle est la distance entre Paris et Rome ?", "Quand commence l'été ?",
            "Comment nettoyer un canapé en cuir ?", "Quel âge a le pape ?", "Comment réserver un taxi à l'aéroport ?",
        ];
        foreach (var d in direct) yield return d;
    }

    /// <summary>
    /// Questions in the field the base cannot answer, made from its own entries: a detail none gives about a thing it
    /// names, the thing in a place or at a year the base does not cover, topics it lacks. Each is checked against the
    /// vocabulary so it is truly unanswerable.
    /// </summary>
    public static IEnumerable<string> Unanswerable(IReadOnlyList<KnowledgeEntry> entries, Vocabulary vocabulary, Random random)
    {
        var analyzer = new Analysis.FrenchTextAnalyzer();
        bool Unknown(string word) => analyzer.Terms(word).All(t => !vocabulary.Contains(t));
        var named = entries.Select(e => KnowledgeIndex.TitleSubject(e.Title).Trim())
            .Where(s => s.Split(' ').Length is >= 1 and <= 5 && !s.StartsWith('«') && char.IsUpper(s[0]))
            .Distinct().OrderBy(_ => random.Next()).Take(45).ToList();
        string[] details =
        [
            "Quel est le numéro de téléphone de {0} ?", "Quelle est l'adresse e-mail de {0} ?", "Combien de salariés compte {0} ?",
            "Quel est le chiffre d'affaires de {0} en 2023 ?", "Quel est le taux de satisfaction des participants de {0} ?",
            "Combien de bénévoles participent à {0} ?", "Quel est le site internet de {0} ?",
        ];
        var i = 0;
        foreach (var subject in named) yield return string.Format(details[i++ % details.Length], subject);

        string[] places = ["Guadeloupe", "Martinique", "Guyane", "Mayotte", "Nouvelle-Calédonie", "Polynésie", "Corrèze", "Vendée", "Ardèche", "Savoie", "Finistère", "Occitanie"];
        string[] years = ["2021", "2022", "2023", "2024", "2025"];
        var unknownPlaces = places.Where(Unknown).ToList();
        var unknownYears = years.Where(Unknown).ToList();
        var sample = entries.Where(e => e.Questions.Count > 0).OrderBy(_ => random.Next()).Take(60).ToList();
        for (var k = 0; k < sample.Count; k++)
        {
            var q = sample[k].Questions[random.Next(sample[k].Questions.Count)].TrimEnd('?', ' ');
            if (k % 2 == 0 && unknownPlaces.Count > 0) yield return $"{q} en {unknownPlaces[k % unknownPlaces.Count]} ?";
            else if (unknownYears.Count > 0) yield return $"{q} en {unknownYears[k % unknownYears.Count]} ?";
        }

        string[] topics =
        [
            "l'agrément ESUS", "le crowdfunding", "le label B Corp", "les titres associatifs", "le contrat à impact social",
            "la loi Pacte", "le rescrit fiscal", "la franchise sociale", "le portage salarial", "les fonds de dotation",
            "le statut de SAS à mission", "la comptabilité d'une association", "le bilan carbone", "la licence IV", "le Kbis",
        ];
        string[] asks = ["Comment obtenir {0} pour mon entreprise sociale ?", "Quelles sont les conditions pour {0} ?", "Qu'est-ce que {0} ?", "Combien coûte {0} ?"];
        for (var k = 0; k < topics.Length; k++)
        {
            var rare = topics[k].Split(' ').OrderByDescending(w => w.Length).First();
            if (Unknown(rare)) yield return string.Format(asks[k % asks.Length], topics[k]);
        }
    }
}
