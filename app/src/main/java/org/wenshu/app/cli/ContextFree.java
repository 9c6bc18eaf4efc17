package org.wenshu.app.cli;

/**
 * A command that touches no storage, keys or fonts: it runs without starting the application, its only
 * collaborators being the instrument catalog and the environment (see {@link WenshuCommand#answerWithoutApplication}).
 */
interface ContextFree {
}
