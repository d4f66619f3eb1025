import type { LocalizedText } from "@reeks/models";
import type { Database } from "./client";
import { newRoomName } from "./room-name";
import { Series, Session, Theme } from "./schema";

export const DEMO_SERIES_SLUG = "uitvoering-op-zn-kop";

interface ThemeSeed {
  title: LocalizedText;
  guidingQuestion: LocalizedText;
  description: LocalizedText;
}

const DEMO_THEMES: ThemeSeed[] = [
  {
    title: {
      nl: "Uitvoering: wat gaat er mis, welke acties nemen we?",
      en: "Execution: what goes wrong, which actions do we take?",
    },
    guidingQuestion: {
      nl: "Waar loopt de uitvoering in jouw gemeente vast, en welke acties neem je als gemeentesecretaris?",
      en: "Where does execution get stuck in your municipality, and which actions do you take as municipal secretary?",
    },
    description: {
      nl: "Het vertrouwen in de overheid wankelt minder door slecht beleid dan door uitvoering die niet waarmaakt wat is beloofd. In deze eerste sessie brengen we in kaart waar het tussen balie en beleid misgaat en welke acties we meteen kunnen nemen.",
      en: "Trust in government suffers less from bad policy than from execution that fails to deliver what was promised. In this first session we map where things go wrong between the front desk and policy, and which actions we can take straight away.",
    },
  },
  {
    title: { nl: "Werken als één overheid", en: "Working as one government" },
    guidingQuestion: {
      nl: "Hoe werken gemeenten, Rijk en uitvoeringsorganisaties zo samen dat inwoners één overheid ervaren?",
      en: "How do municipalities, central government and executive agencies work together so that residents experience one government?",
    },
    description: {
      nl: "Samen met vertegenwoordigers van VNG en BZK kijken we naar het rijkstraject Werk aan Uitvoering en het VNG-spoor 'Focus op uitvoering'. Wat vraagt samenwerking over de bestuurslagen heen van de gemeentesecretaris?",
      en: "Together with representatives of VNG and the Ministry of the Interior (BZK) we look at the national programme Werk aan Uitvoering and VNG's track 'Focus on execution'. What does working across tiers of government ask of the municipal secretary?",
    },
  },
  {
    title: { nl: "Maatwerk als regel", en: "Tailored support as the rule" },
    guidingQuestion: {
      nl: "Wat is er nodig om maatwerk voor inwoners de regel te maken in plaats van de uitzondering?",
      en: "What is needed to make tailored support for residents the rule rather than the exception?",
    },
    description: {
      nl: "Inwoners raken klem tussen regels en loketten. We bespreken wat maatwerk vraagt van de ambtelijke organisatie, en wat binnen wet- en regelgeving wel en niet kan.",
      en: "Residents get caught between rules and service desks. We discuss what tailored support asks of the municipal organisation, and what can and cannot be done within the law.",
    },
  },
  {
    title: { nl: "Leiderschap in transitie", en: "Leadership in transition" },
    guidingQuestion: {
      nl: "Welk leiderschap vraagt de omslag naar goede uitvoering van de gemeentesecretaris?",
      en: "What leadership does the shift to good execution ask of the municipal secretary?",
    },
    description: {
      nl: "De gemeentesecretaris verbindt bestuurlijke ambities met een organisatie die ze moet waarmaken, en biedt tegenwicht waar wensen te hoog gespannen zijn. We verkennen de houding, drive en sturing die daarbij horen.",
      en: "The municipal secretary connects political ambitions with an organisation that has to deliver them, and pushes back where expectations run too high. We explore the attitude, drive and steering this takes.",
    },
  },
];

/**
 * Creates the demo series "Uitvoering op z'n Kop" when the database has no series yet.
 * Idempotent: a second call, or a call racing another instance, changes nothing.
 */
export async function seedDemoSeries(db: Database): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: Series.id }).from(Series).limit(1);
    if (existing.length > 0) return { created: false };
    const [series] = await tx
      .insert(Series)
      .values({
        slug: DEMO_SERIES_SLUG,
        title: { nl: "Uitvoering op z'n Kop", en: "Uitvoering op z'n Kop (Execution turned upside down)" },
        organiser: "Vereniging van Gemeentesecretarissen (VGS)",
        // The demo is one series among others, but one people can register for at once.
        status: "published",
        languages: "both",
      })
      .onConflictDoNothing({ target: Series.slug })
      .returning({ id: Series.id });
    if (!series) return { created: false };
    const themes = await tx
      .insert(Theme)
      .values(DEMO_THEMES.map((theme, index) => ({ ...theme, seriesId: series.id, position: index + 1 })))
      .returning({ id: Theme.id, position: Theme.position });
    await tx.insert(Session).values(
      themes.map((theme) => ({
        seriesId: series.id,
        themeId: theme.id,
        position: theme.position,
        status: "draft" as const,
        roomName: newRoomName(),
      })),
    );
    return { created: true };
  });
}
