/**
 * The shell: header with navigation and the sync status, the routed screen, and the
 * update prompt. Every screen is a lazy chunk; the service worker precaches them all, so
 * each route opens offline.
 */

import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from "preact-iso";
import { Header } from "./components/header";
import { useSession } from "./data/hooks";
import { Catalog } from "./screens/catalog";

const SignIn = lazy(() => import("./screens/sign-in").then((m) => m.SignIn));
const SignUp = lazy(() => import("./screens/sign-up").then((m) => m.SignUp));
const VerifyEmail = lazy(() => import("./screens/verify-email").then((m) => m.VerifyEmail));
const ForgotPassword = lazy(() => import("./screens/password").then((m) => m.ForgotPassword));
const ResetPassword = lazy(() => import("./screens/password").then((m) => m.ResetPassword));
const CoursePage = lazy(() => import("./screens/course").then((m) => m.CoursePage));
const MyLearning = lazy(() => import("./screens/my-learning").then((m) => m.MyLearning));
const CourseProgress = lazy(() => import("./screens/learn-course").then((m) => m.LearnCourse));
const ModuleView = lazy(() => import("./screens/module").then((m) => m.ModuleView));
const Messages = lazy(() => import("./screens/messages").then((m) => m.Messages));
const Thread = lazy(() => import("./screens/thread").then((m) => m.Thread));
const Notifications = lazy(() => import("./screens/notifications").then((m) => m.Notifications));
const Profile = lazy(() => import("./screens/profile").then((m) => m.Profile));
const Person = lazy(() => import("./screens/person").then((m) => m.Person));
const Teaching = lazy(() => import("./screens/teaching").then((m) => m.Teaching));
const StudentProgress = lazy(() =>
  import("./screens/student-progress").then((m) => m.StudentProgress),
);
const Certificates = lazy(() => import("./screens/certificates").then((m) => m.Certificates));
const CheckoutReturn = lazy(() =>
  import("./payments/checkout-return").then((m) => m.CheckoutReturn),
);
const Earnings = lazy(() => import("./payments/earnings").then((m) => m.Earnings));
const Sponsorships = lazy(() => import("./payments/sponsorships").then((m) => m.Sponsorships));
const Sessions = lazy(() => import("./screens/sessions").then((m) => m.Sessions));
const NotFound = lazy(() => import("./screens/not-found").then((m) => m.NotFound));

function Home() {
  const s = useSession();
  return s ? <MyLearning /> : <Catalog />;
}

export function App() {
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router onRouteChange={focusMain}>
            <Route path="/" component={Home} />
            <Route path="/courses" component={Catalog} />
            <Route path="/courses/:slug" component={CoursePage} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/sign-up" component={SignUp} />
            <Route path="/verify-email" component={VerifyEmail} />
            <Route path="/forgot-password" component={ForgotPassword} />
            <Route path="/reset-password" component={ResetPassword} />
            <Route path="/learn" component={MyLearning} />
            <Route path="/learn/:enrollmentId" component={CourseProgress} />
            <Route path="/learn/:enrollmentId/:moduleId" component={ModuleView} />
            <Route path="/messages" component={Messages} />
            <Route path="/messages/:conversationId" component={Thread} />
            <Route path="/notifications" component={Notifications} />
            <Route path="/profile" component={Profile} />
            <Route path="/people/:userId" component={Person} />
            <Route path="/teaching" component={Teaching} />
            <Route path="/sessions" component={Sessions} />
            <Route path="/teaching/:enrollmentId" component={StudentProgress} />
            <Route path="/certificates" component={Certificates} />
            <Route path="/checkout/return" component={CheckoutReturn} />
            <Route path="/earnings" component={Earnings} />
            <Route path="/sponsorships" component={Sponsorships} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <DeferredUpdatePrompt />
    </LocationProvider>
  );
}

/** After a navigation, move focus to the new screen so keyboard and screen-reader users land there. */
let firstRoute = true;
function focusMain(): void {
  if (firstRoute) {
    firstRoute = false; // the page load itself: leave focus where the browser puts it
    return;
  }
  setTimeout(() => {
    const main = document.getElementById("main");
    const heading = main?.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    } else main?.focus();
  }, 60);
}

/**
 * The service worker registration (workbox-window) is not needed for the first screen:
 * loaded after it. Not in development, where Vite serves modules without a worker.
 */
function DeferredUpdatePrompt() {
  const [Prompt, setPrompt] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
    const t = setTimeout(() => {
      void import("./pwa/update-prompt").then((m) => setPrompt(() => m.UpdatePrompt));
    }, 0);
    return () => clearTimeout(t);
  }, []);
  return Prompt ? <Prompt /> : null;
}
