import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { NotFoundPage } from "./components/NotFoundPage";
import { PageLoading } from "./components/PageLoading";
import { MyDataPage } from "./features/account/MyDataPage";
import { MyDataSummaryPage } from "./features/account/MyDataSummaryPage";
import { OutboxPage } from "./features/account/OutboxPage";
import { RegistrationPage } from "./features/account/RegistrationPage";
import { SeriesPage } from "./features/account/SeriesPage";
import { SetupPage } from "./features/account/SetupPage";
import { SignInPage } from "./features/account/SignInPage";
import { AdminPage } from "./features/authoring/AdminPage";
import { AccessibilityPage } from "./features/certificates/AccessibilityPage";
import { VerifyPage } from "./features/certificates/VerifyPage";
import { EvaluationPage } from "./features/evaluation/EvaluationPage";
import { HomePage } from "./features/home/HomePage";
import { ReviewPage } from "./features/review/ReviewPage";
import { AvailabilityPage } from "./features/scheduling/AvailabilityPage";
import { PlanningPage } from "./features/scheduling/PlanningPage";
import { createQueryClient } from "./lib/query-client";
import { createTrpcClient, TRPCProvider } from "./lib/trpc";

// The media stack is large; load it only on the pages that use it.
const ConnectionTestPage = lazy(() =>
  import("./features/connection-test/ConnectionTestPage").then((m) => ({ default: m.ConnectionTestPage })),
);
// Charts are for organisers only; keep them out of everyone else's first load.
const DashboardPage = lazy(() =>
  import("./features/dashboard/DashboardPage").then((m) => ({ default: m.DashboardPage })),
);

// Capture pages bring Markdown and Yjs along; keep them out of the first load too.
const SessionPage = lazy(() => import("./features/capture").then((m) => ({ default: m.SessionPage })));
const ThemePage = lazy(() => import("./features/capture").then((m) => ({ default: m.ThemePage })));
// The series editor brings Markdown and many forms; organisers only.
const SeriesEditorPage = lazy(() =>
  import("./features/authoring/SeriesEditorPage").then((m) => ({ default: m.SeriesEditorPage })),
);
// Organisers only, like the dashboard.
const CertificatesPage = lazy(() =>
  import("./features/certificates/CertificatesPage").then((m) => ({ default: m.CertificatesPage })),
);
const RoomPage = lazy(() => import("./features/room/RoomPage").then((m) => ({ default: m.RoomPage })));

export function App() {
  const [queryClient] = useState(() => createQueryClient((error) => console.error(error)));
  const [trpcClient] = useState(createTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route
                path="verbinding-testen"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ConnectionTestPage />
                  </Suspense>
                }
              />
              <Route
                path="sessies/:sessionId"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <RoomPage />
                  </Suspense>
                }
              />
              <Route
                path="sessies/:sessionId/overzicht"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <SessionPage />
                  </Suspense>
                }
              />
              <Route
                path="themas/:themeId"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ThemePage />
                  </Suspense>
                }
              />
              <Route
                path="reeksen/:slug/dashboard"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route path="sessies/:sessionId/evaluatie" element={<EvaluationPage />} />
              <Route path="evaluatie/:token" element={<EvaluationPage />} />
              <Route
                path="reeksen/:slug/certificaten"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <CertificatesPage />
                  </Suspense>
                }
              />
              <Route path="verifieer/:code" element={<VerifyPage />} />
              <Route path="toegankelijkheid" element={<AccessibilityPage />} />
              <Route path="accessibility" element={<AccessibilityPage />} />
              <Route path="inloggen" element={<SignInPage />} />
              <Route path="setup/:token" element={<SetupPage />} />
              <Route path="mijn-gegevens" element={<MyDataPage />} />
              <Route path="mijn-gegevens/samenvatting" element={<MyDataSummaryPage />} />
              <Route path="reeksen/:slug" element={<SeriesPage />} />
              <Route path="reeksen/:slug/aanmelden" element={<RegistrationPage />} />
              <Route path="reeksen/:slug/aanmeldingen" element={<ReviewPage />} />
              <Route path="dev/outbox" element={<OutboxPage />} />
              <Route path="beheer" element={<AdminPage />} />
              <Route
                path="reeksen/:slug/bewerken"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <SeriesEditorPage />
                  </Suspense>
                }
              />
              <Route path="reeksen/:slug/beschikbaarheid" element={<AvailabilityPage />} />
              <Route path="reeksen/:slug/planning" element={<PlanningPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
